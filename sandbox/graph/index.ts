export { createGraphService } from './service';
export { newClientSecret } from './client-secret';
export type { DirectoryState } from './directory-store';
