import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Config } from './config/schema.ts';
import type { AppContext } from './context.ts';
import { resealPersonalData } from './privacy/reseal.ts';
import { openDatabase, type Database } from './db/index.ts';
import { protectDataDir } from './config/data-dir.ts';
import { EngineClient, EngineError } from './engine/client.ts';
import { TokenService } from './auth/tokens.ts';
import { seedDemoAccounts } from './auth/demo-accounts.ts';
import { placeStaffWithoutRegion } from './auth/index.ts';
import { seedDemoLicenses } from './e-licenses/demo-licenses.ts';
import { seedDemoSeals } from './seals/demo-seals.ts';
import { resealSealSecrets } from './seals/reseal-secrets.ts';
import { watchPayments } from './payments/reconcile.ts';
import { watchDeliveries } from './deliveries/track-deliveries.ts';
import { watchDeadlines } from './cases/deadline-watch.ts';
import { holdersOf } from './inbox/index.ts';
import { attachLive } from './live/live.ts';
import { seedDemoOrganization, syncDepartments, syncOrganization } from './organization/index.ts';
import { readProcessFolders } from './catalog/process-folders.ts';
import { syncCatalog } from './catalog/sync-catalog.ts';
import { deployItemForms } from './forms/item-forms.service.ts';
import { deployProcessFolders } from './deployments/deploy-processes.ts';
import { checkShippedDecisions } from './modeler/index.ts';
import { buildApp } from './app.ts';
import { useAuditKey } from './audit/index.ts';
import { watchOperations } from './operations/index.ts';
import { watchInbox } from './inbox/index.ts';
import { watchSupervision } from './supervision/index.ts';
import { policiesOf, watchProactive } from './proactive/index.ts';
import { watchNoShows } from './appointments/index.ts';
import { watchProvince } from './reporting/index.ts';
import { settleMigratedDeadlines, watchProblems } from './problems/index.ts';
import { watchMonitoringRules } from './supervision/monitoring-rules.ts';
import { newNodeId, recordNode } from './scheduling/nodes.ts';

async function untilEngineAnswers(engine: EngineClient, logger: Logger, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      await engine.version();
      return;
    } catch (err) {
      if (!(err instanceof EngineError) || err.status !== 0 || Date.now() > deadline) throw err;
      if (attempt === 1) logger.info({ engine: engine.url }, 'waiting for the engine');
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

export interface RunningServer {
  ctx: AppContext;
  db: Database;
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Everything `npm start` and the tests need: database, catalog, deployments, demo data, HTTP. */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  protectDataDir(config.dataDir);
  const db = await openDatabase(config, logger.child({ component: 'db' }));
  const engine = new EngineClient(config.engine);
  const tokens = new TokenService(config.jwtSecret, config.tokenTtlSeconds, {
    accountCheckSeconds: config.accounts.checkSeconds,
    sessionIdleMinutes: config.accounts.sessionIdleMinutes,
    onWriteError: (err) => logger.warn({ err }, "recording a session's last request failed"),
  });
  const ctx: AppContext = { config, logger, sequelize: db.sequelize, engine, tokens, nodeId: newNodeId() };
  useAuditKey(config.auditKey);
  // rows from before sealing, or under a key that has left the front of the ring
  await resealPersonalData(db.sequelize, logger.child({ component: 'privacy' }));
  // seal certificate passwords from before SM4 (AES-256-GCM)
  await resealSealSecrets(config.sealKey, logger.child({ component: 'seals' }));

  await syncDepartments();
  await syncOrganization(config.regionCode);
  await placeStaffWithoutRegion();
  const folders = readProcessFolders(config.processesDir);
  await syncCatalog(folders, logger);
  await untilEngineAnswers(engine, logger, 120_000);
  await checkShippedDecisions(folders);
  // 免申即享's policies beside their items: a bad one stops the start, as a bad item.json does
  policiesOf(config.processesDir);
  await deployProcessFolders(engine, folders, logger);
  await deployItemForms(ctx);
  if (config.mode === 'embedded') {
    await seedDemoOrganization();
    await seedDemoAccounts(config.secondFactorKey);
    await seedDemoLicenses();
    await seedDemoSeals(config);
  }

  const app = buildApp(ctx);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host}:${port}`;
  logger.info({ url, mode: config.mode, db: db.dialect }, 'server listening');
  await settleMigratedDeadlines();
  const forgetNode = await recordNode(ctx.sequelize, ctx.nodeId, logger.child({ component: 'node' }));
  const stopWatching = [
    watchDeadlines(ctx, holdersOf),
    watchPayments(ctx),
    watchDeliveries(ctx),
    watchOperations(ctx),
    watchInbox(ctx),
    watchSupervision(ctx),
    watchProvince(ctx),
    watchProblems(ctx),
    watchMonitoringRules(ctx),
    watchProactive(ctx),
    watchNoShows(ctx),
  ];
  const closeLive = await attachLive(server, ctx.tokens, config.redisUrl, logger.child({ component: 'live' }));
  return {
    ctx,
    db,
    server,
    url,
    close: async () => {
      // each scheduler finishes its round and releases its lease while the database is still open
      await Promise.all(stopWatching.map((stop) => stop()));
      await forgetNode();
      await closeLive();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
