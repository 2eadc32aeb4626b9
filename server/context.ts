import type { Logger } from 'pino';
import type { Sequelize } from 'sequelize';
import type { Config } from './config/schema.ts';
import type { EngineClient } from './engine/client.ts';
import type { TokenService } from './auth/tokens.ts';

/** What the HTTP layer needs, built once by the bootstrap and handed to app.ts. */
export interface AppContext {
  config: Config;
  logger: Logger;
  sequelize: Sequelize;
  engine: EngineClient;
  tokens: TokenService;
  /** this server node's id (server/scheduling/nodes.ts): its row in platform_nodes and the holder of the scheduler leases it takes */
  nodeId: string;
}
