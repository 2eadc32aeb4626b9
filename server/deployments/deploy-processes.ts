import type { Logger } from 'pino';
import type { EngineClient } from '../engine/client.ts';
import type { ProcessFolder } from '../catalog/index.ts';

/**
 * Deploys each process folder under its own deployment name with duplicate filtering, so an
 * unchanged folder creates no new version when the server restarts.
 */
export async function deployProcessFolders(engine: EngineClient, folders: ProcessFolder[], logger: Logger): Promise<void> {
  for (const folder of folders.filter((f) => f.resources.length > 0)) {
    const deployment = await engine.deploy(folder.name, folder.resources);
    const created = Object.values(deployment.deployedProcessDefinitions ?? {});
    if (created.length) {
      logger.info({ deployment: folder.name, definitions: created.map((d) => `${d.key}:${d.version}`) }, 'deployed changed processes');
    } else {
      logger.debug({ deployment: folder.name }, 'processes unchanged');
    }
  }
}
