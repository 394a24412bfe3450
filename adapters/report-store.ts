// Where run reports go: files under .haymaker/reports/<runId>/ locally, a blob container in Azure.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import type { TokenCredential } from '@azure/core-auth';
import { AdapterError, isNotFound } from './errors';
import { withRetry, type RetryOptions } from './retry';

export interface ReportStore {
  /** Writes one report file; returns where it went (a path or a blob URL). */
  write(runId: string, fileName: string, content: string, contentType: string): Promise<string>;
  read(runId: string, fileName: string): Promise<string | undefined>;
}

const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

function checkSegments(runId: string, fileName: string): void {
  // Run ids reach this from the API; a "../" must not escape the reports folder.
  for (const s of [runId, fileName]) {
    if (!SAFE_SEGMENT.test(s) || s.includes('..'))
      throw new Error(`"${s}" is not a safe report path segment`);
  }
}

export function createFileReportStore(baseDir: string): ReportStore {
  const root = resolve(baseDir);
  return {
    async write(runId, fileName, content) {
      checkSegments(runId, fileName);
      const dir = join(root, runId);
      await mkdir(dir, { recursive: true });
      const path = join(dir, fileName);
      await writeFile(path, content, 'utf8');
      return path;
    },
    async read(runId, fileName) {
      checkSegments(runId, fileName);
      try {
        return await readFile(join(root, runId, fileName), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
  };
}

export type BlobConnection =
  { connectionString: string } | { accountUrl: string; credential: TokenCredential };

const REPORTS_CONTAINER = 'haymaker-reports';

export function createBlobReportStore(
  connection: BlobConnection,
  options: { retry?: RetryOptions; container?: string } = {},
): ReportStore {
  const service =
    'connectionString' in connection
      ? BlobServiceClient.fromConnectionString(connection.connectionString, { retryOptions: { maxTries: 1 } })
      : new BlobServiceClient(connection.accountUrl, connection.credential, {
          retryOptions: { maxTries: 1 },
        });
  const container: ContainerClient = service.getContainerClient(options.container ?? REPORTS_CONTAINER);
  let ready: Promise<unknown> | undefined;
  const ensure = () => {
    ready ??= withRetry(() => container.createIfNotExists(), options.retry).catch((error) => {
      ready = undefined;
      throw error;
    });
    return ready;
  };
  const hint = "grant 'Storage Blob Data Contributor' to the orchestrator identity";
  return {
    async write(runId, fileName, content, contentType) {
      checkSegments(runId, fileName);
      const blob = container.getBlockBlobClient(`${runId}/${fileName}`);
      try {
        await ensure();
        await withRetry(
          () =>
            blob.upload(content, Buffer.byteLength(content), {
              blobHTTPHeaders: { blobContentType: contentType },
            }),
          options.retry,
        );
        return blob.url;
      } catch (error) {
        throw new AdapterError(
          `uploading ${runId}/${fileName} to container ${container.containerName}`,
          error,
          hint,
        );
      }
    },
    async read(runId, fileName) {
      checkSegments(runId, fileName);
      try {
        const buffer = await withRetry(
          () => container.getBlockBlobClient(`${runId}/${fileName}`).downloadToBuffer(),
          options.retry,
        );
        return buffer.toString('utf8');
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw new AdapterError(
          `downloading ${runId}/${fileName} from container ${container.containerName}`,
          error,
          hint,
        );
      }
    },
  };
}
