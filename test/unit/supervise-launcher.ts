/**
 * A launcher in miniature for test/unit/supervise.test.ts: supervises one child that runs until it
 * is stopped, prints the child's pid each time it starts, and stops everything on SIGINT (Ctrl-C),
 * as scripts/platform.ts does.
 */
import { spawn } from 'node:child_process';
import { childProcessPart, supervise } from '../../scripts/supervise.ts';

const part = await supervise(
  'sleeper',
  async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    console.log(`child ${child.pid}`);
    return childProcessPart(child);
  },
  { firstDelayMs: 50, say: (message) => console.log(`[platform] ${message}`) },
);
process.on('SIGINT', () => {
  void part.stop().then(() => {
    console.log('stopped');
    process.exit(0);
  });
});
console.log('running');
