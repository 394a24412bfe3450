// Where the app reads configuration at run time: a .env file (parsed by Node) below the environment.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadAppConfiguration, readDotenv } from '../../app/config-sources';
import { REQUIRED } from '../core/config/test-settings';

describe('app configuration sources', () => {
  it("reads a .env with Node's parser: comments, quotes, export prefixes; a malformed line is named, not kept", () => {
    const warnings: string[] = [];
    const text = '# c\nexport A=1\nB = "two words"\nC=three # note\nD=\'x#y\'\nE="a\\nb"\nnot a line\nF=6\n';
    expect(readDotenv(text, '/srv/.env', (m) => warnings.push(m))).toEqual({
      A: '1',
      B: 'two words',
      C: 'three',
      D: 'x#y',
      E: 'a\nb',
    });
    expect(warnings).toEqual(['/srv/.env: ignored "not a line": not a KEY=VALUE line']);
  });

  it('reads a .env file from the working directory below the environment', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haymaker-config-'));
    try {
      fs.writeFileSync(
        path.join(dir, '.env'),
        'HAYMAKER_ENVIRONMENT=local\nOPERATION_BURSTS=3\nAZURE_LOCATION=westus\n',
      );
      const loaded = await loadAppConfiguration({
        env: { ...REQUIRED, AZURE_LOCATION: 'northeurope' },
        cwd: dir,
      });
      expect(loaded.settings).toMatchObject({
        environment: 'local',
        operationBursts: 3,
        location: 'northeurope',
      });
      expect(loaded.sources.OPERATION_BURSTS).toBe('dotenv');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
