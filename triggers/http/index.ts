// HTTP API registration (GET/POST /api/v1/...): built by the API engineer. app/main.ts calls this once.
import type { app as functionsApp } from '@azure/functions';

export function registerHttpApi(_app: typeof functionsApp): void {
  // Intentionally empty until the monitoring API lands.
}
