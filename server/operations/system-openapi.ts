import { always, answer, bearer, instant, nullable, type Paths } from '../openapi/helpers.ts';

const count = { type: 'integer', minimum: 0 };

const node = always({
  nodeId: { type: 'string', description: 'host name, process id and a random part: the holder its scheduler leases carry' },
  hostName: { type: 'string' },
  pid: { type: 'integer' },
  version: { type: 'string', description: "the platform's version the node runs" },
  startedAt: instant,
  lastSeenAt: { ...instant, description: 'its last heartbeat (every 15 s)' },
  self: { type: 'boolean', description: 'the node that answered' },
  reachable: { type: 'boolean', description: 'seen within the last minute; false: 失联 (dead, or cut off from the database)' },
});

const scheduler = always({
  name: { type: 'string', description: "the scheduler's lease name" },
  label: { ...nullable(), description: 'the scheduler in words, in the language of Accept-Language' },
  holder: { ...nullable(), description: 'the node id holding the lease; null once released' },
  held: { type: 'boolean', description: 'a holder whose lease has not expired' },
  holderKnown: { type: 'boolean', description: 'the holder is a recorded node' },
  expiresAt: instant,
});

const engine = always({
  url: { type: 'string' },
  role: { type: 'string', enum: ['configured', 'node'], description: 'configured: ENGINE_URL, what the platform talks to; node: one of ENGINE_NODE_URLS' },
  reachable: { type: 'boolean' },
  version: nullable(),
  flavour: { type: ['string', 'null'], enum: ['camunda', 'operaton', null] },
  answerMs: { type: ['integer', 'null'], description: "GET /version's answer time" },
  error: { ...nullable(), description: 'why it was not reached' },
});

const backupRun = always({
  id: { type: 'integer' },
  startedAt: instant,
  finishedAt: instant,
  location: { type: 'string', description: 'the backup folder' },
  profile: { type: ['string', 'null'], enum: ['embedded', 'mariadb', null] },
  databases: { ...nullable(), description: 'the databases written, e.g. "app: sqlite, engine: h2"' },
  files: count,
  storedObjects: count,
  totalBytes: count,
  outcome: { type: 'string', enum: ['succeeded', 'failed'] },
  error: nullable(),
});

/** 系统状态 of 运维监控 (the system administrator). */
export function systemPaths(): Paths {
  return {
    '/operations/system': {
      get: {
        summary:
          "System status (administrators): the server nodes (each records itself every 15 s; not seen for a minute: unreachable), which node holds each scheduler's lease, the engine asked now (ENGINE_URL, and each of ENGINE_NODE_URLS) with its version and answer time, and the recent `npm run backup` runs with a warning when the last successful one is older than 26 hours or none exists",
        security: bearer,
        responses: {
          200: answer(
            'the installation now',
            always({
              checkedAt: instant,
              nodeId: { type: 'string', description: 'the node that answered' },
              nodes: { type: 'array', items: node },
              schedulers: { type: 'array', items: scheduler },
              engines: { type: 'array', items: engine },
              backups: always({
                runs: { type: 'array', items: backupRun, description: 'newest first, at most 20' },
                lastSucceededAt: nullable('date-time'),
                stale: { type: 'boolean', description: 'no successful backup, or the last is older than 26 hours' },
                warning: { ...nullable(), description: 'the warning in words, in the language of Accept-Language' },
              }),
            }),
          ),
        },
      },
    },
  };
}
