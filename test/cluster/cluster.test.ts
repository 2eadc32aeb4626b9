/**
 * The platform as a cluster on one machine (scripts/cluster/cluster.ts, as `npm run cluster` runs
 * it): two engine nodes on one MariaDB database, two server nodes with the socket.io Redis adapter,
 * the workers per group of topics, nginx in front. A case moves between the nodes, live inbox
 * events cross them, each scheduler runs on one node at a time, and with one engine node and one
 * server node killed under load no case is lost and the clients go on.
 *
 * The cluster is the one the files of test/cluster/ share (./support/shared-cluster.ts).
 */
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import type { Connection } from 'mysql2/promise';
import type { Socket } from 'socket.io-client';
import type { Cluster } from '../../scripts/cluster/cluster.ts';
import { applicant, ITEM, validForm } from '../support/case-data.ts';
import { eventually } from '../support/eventually.ts';
import { ClusterClient } from './support/cluster-client.ts';
import { clusterEnv } from './support/shared-cluster.ts';

interface TaskView {
  id: string;
  taskDefinitionKey: string;
  caseNo: string;
}

describe('the platform as a cluster: two engine nodes, two server nodes, nginx in front', function () {
  this.timeout(600_000);
  let cluster: Cluster;
  let db: Connection;
  let front: ClusterClient;
  let nodes: ClusterClient[];
  const sockets: Socket[] = [];

  before(() => {
    ({ cluster, db, front, nodes } = clusterEnv());
  });
  after(() => {
    for (const socket of sockets) socket.disconnect();
  });

  const reviewTaskOf = async (client: ClusterClient, token: string, caseNo: string) =>
    eventually(
      `the review task of ${caseNo} in the inbox at ${client.base}`,
      async () => {
        const res = await client.call<{ tasks: TaskView[] }>('GET', `/tasks?caseNo=${encodeURIComponent(caseNo)}`, token).catch(() => undefined);
        return res?.body.tasks?.find((t) => t.taskDefinitionKey === 'review');
      },
      60_000,
    );

  it('moves a case between the nodes, and the live inbox on each node hears of its task', async () => {
    // the reviewer's inbox open on both server nodes: whichever node the engine's event reaches, one socket is on the other
    const [reviewerOn1, reviewerOn2] = await Promise.all(nodes.map((n) => n.signIn('reviewer')));
    const heard: Map<string, Set<string>> = new Map();
    for (const [i, token] of [reviewerOn1!, reviewerOn2!].entries()) {
      const socket = await nodes[i]!.live(token);
      sockets.push(socket);
      socket.on('task', (event: { caseNo: string | null; type: string }) => {
        if (event.caseNo) heard.set(event.caseNo, new Set([...(heard.get(event.caseNo) ?? []), cluster.servers[i]!.name]));
      });
    }

    // submitted on server 1 …
    const applicantToken = await nodes[0]!.signIn('applicant');
    const submitted = await nodes[0]!.call<{ caseNo: string }>('POST', '/cases', applicantToken, {
      itemCode: ITEM,
      applicant: applicant(),
      form: validForm(),
      materials: await nodes[0]!.materials(applicantToken),
    });
    expect(submitted.status, JSON.stringify(submitted.body)).to.equal(201);
    const { caseNo } = submitted.body;

    // … accepted by the workers through either engine, its review task offered in the inbox of both nodes, live
    await eventually(`the live task event of ${caseNo} on both server nodes`, () => heard.get(caseNo)?.size === 2, 60_000, {
      last: () => [...(heard.get(caseNo) ?? [])],
    });
    // … claimed on server 2, decided on server 1
    const task = await reviewTaskOf(nodes[1]!, reviewerOn2!, caseNo);
    const claimed = await nodes[1]!.call('POST', `/tasks/${task.id}/claim`, reviewerOn2);
    expect(claimed.status, JSON.stringify(claimed.body)).to.equal(200);
    const completed = await nodes[0]!.call('POST', `/tasks/${task.id}/complete`, reviewerOn1, { outcome: 'approve', opinion: '材料齐全，同意。' });
    expect(completed.status, JSON.stringify(completed.body)).to.equal(200);
    // the next step is seen from both engine nodes (one database)
    for (const engine of cluster.engines) {
      const res = await fetch(`${engine.url}/task?processInstanceBusinessKey=${encodeURIComponent(caseNo)}`, {
        headers: { Authorization: `Basic ${Buffer.from(`${cluster.env.ENGINE_USER}:${cluster.env.ENGINE_PASSWORD}`).toString('base64')}` },
      });
      const tasks = (await res.json()) as { taskDefinitionKey: string }[];
      expect(
        tasks.map((t) => t.taskDefinitionKey),
        engine.name,
      ).to.deep.equal(['decision']);
    }
  });

  it('runs each scheduler on one node at a time, and moves it to the other when its node dies', async () => {
    const holders = async () => {
      const [rows] = await db.query('SELECT name, holder FROM scheduler_leases WHERE holder IS NOT NULL AND expires_at > UTC_TIMESTAMP(3)');
      return new Map((rows as { name: string; holder: string }[]).map((r) => [r.name, r.holder]));
    };
    const pidOf = (holder: string) => Number(holder.split(':').at(-2));
    const serverPids = () => cluster.servers.map((s) => s.pid());
    // every scheduler has one holder, one of the two server nodes, and keeps it while it lives
    const first = await eventually('a holder for every scheduler', async () => {
      const now = await holders();
      return ['deadline sweep', 'inbox sync', 'province reporting'].every((n) => now.has(n)) ? now : undefined;
    });
    for (const holder of first.values()) expect(serverPids()).to.include(pidOf(holder));
    // 运维监控 › 系统状态 reads these: both server nodes recorded and fresh, each lease held by a recorded node,
    // and each engine node's own address given to the servers (ENGINE_NODE_URLS)
    const [recorded] = await db.query('SELECT node_id, pid, TIMESTAMPDIFF(SECOND, last_seen_at, UTC_TIMESTAMP(3)) AS age FROM platform_nodes');
    const rows = recorded as { node_id: string; pid: number; age: number }[];
    for (const pid of serverPids()) {
      const row = rows.find((r) => Number(r.pid) === pid);
      expect(row, `server node ${pid} in platform_nodes: ${JSON.stringify(rows)}`).to.not.equal(undefined);
      expect(Number(row!.age), 'seen within the last minute').to.be.below(60);
    }
    for (const holder of first.values()) expect(rows.map((r) => r.node_id)).to.include(holder);
    expect(cluster.env.ENGINE_NODE_URLS?.split(',')).to.deep.equal(cluster.engines.map((e) => e.url));
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      const now = await holders();
      for (const [name, holder] of first) expect(now.get(name), `${name} changed hands while its holder lived`).to.equal(holder);
    }
    // the node holding the deadline sweep dies: the other takes it over once the lease has expired
    const dying = cluster.servers.find((s) => s.pid() === pidOf(first.get('deadline sweep')!))!;
    const survivor = cluster.servers.find((s) => s !== dying)!;
    await dying.kill();
    const moved = await eventually(
      'the deadline sweep on the surviving node',
      async () => {
        const holder = (await holders()).get('deadline sweep');
        return holder && pidOf(holder) === survivor.pid() ? holder : undefined;
      },
      30_000,
    );
    expect(moved).to.not.equal(first.get('deadline sweep'));
    await dying.start();
    expect((await new ClusterClient(dying.url!).call('GET', '/health')).status).to.equal(200);
  });

  it('loses no case when an engine node and a server node are killed under load, and the clients go on', async () => {
    const clientCount = 4;
    const perClient = 8;
    const tokens = await Promise.all(Array.from({ length: clientCount }, () => front.signIn('applicant')));
    const outcomes: { key: string; caseNo?: string; attempts: number; failures: string[]; at?: number }[] = [];
    // each client submits its cases one after the other through the balancer; an answer it did not get
    // (a node died under it) is asked again with the same Idempotency-Key, as the pages do
    const client = async (token: string, c: number) => {
      for (let n = 0; n < perClient; n++) {
        const key = `cluster-${c}-${n}-${randomBytes(4).toString('hex')}`;
        const outcome: (typeof outcomes)[number] = { key, attempts: 0, failures: [] };
        outcomes.push(outcome);
        while (!outcome.caseNo && outcome.attempts < 10) {
          outcome.attempts++;
          try {
            const materials = await front.materials(token);
            const res = await front.call<{ caseNo: string }>(
              'POST',
              '/cases',
              token,
              { itemCode: ITEM, applicant: applicant(), form: validForm(), materials },
              { 'Idempotency-Key': key },
            );
            if (res.status === 201 || res.status === 200) [outcome.caseNo, outcome.at] = [res.body.caseNo, Date.now()];
            else outcome.failures.push(`${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
          } catch (err) {
            outcome.failures.push((err as Error).message);
          }
          if (!outcome.caseNo) await new Promise((r) => setTimeout(r, 500));
        }
      }
    };
    const load = Promise.all(tokens.map((t, c) => client(t, c)));
    // a few cases in, an engine node dies; a little later, a server node
    await eventually('the first cases', () => outcomes.filter((o) => o.caseNo).length >= 4, 60_000);
    await cluster.engines[0]!.kill();
    await eventually('more cases with one engine node', () => outcomes.filter((o) => o.caseNo).length >= 10, 120_000);
    await cluster.servers[0]!.kill();
    const serverKilledAt = Date.now();
    await load;

    // the clients went on after both deaths
    expect(outcomes.filter((o) => o.at && o.at > serverKilledAt).length, 'cases submitted after the server node died').to.be.above(0);
    // every client got every case, each once
    expect(outcomes.filter((o) => !o.caseNo).map((o) => `${o.key}: ${o.failures.join(' | ')}`)).to.deep.equal([]);
    const caseNos = outcomes.map((o) => o.caseNo!);
    expect(new Set(caseNos).size, 'one case per Idempotency-Key').to.equal(clientCount * perClient);
    const [rows] = await db.query('SELECT idempotency_key AS k, COUNT(*) AS n FROM cases WHERE idempotency_key LIKE ? GROUP BY idempotency_key', ['cluster-%']);
    expect((rows as { k: string; n: number }[]).filter((r) => Number(r.n) !== 1)).to.deep.equal([]);
    expect(rows as unknown[]).to.have.length(clientCount * perClient);
    // and every case goes on: accepted and waiting for its review, on the nodes that are left
    const reviewer = await front.signIn('reviewer');
    for (const caseNo of caseNos) await reviewTaskOf(front, reviewer, caseNo);

    await cluster.engines[0]!.start();
    await cluster.servers[0]!.start();
  });
});
