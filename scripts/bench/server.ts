import type { ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { builtConfig, root } from '../lib/env';
import { runTool, startTool, stopGroup } from '../lib/run';
import { localSecret } from '../lib/secret';

// The benchmark's own Worker: its own port and its own local D1, so it never meets `npm start`'s.
export const port = Number(process.env['BENCH_PORT'] ?? 8791);
export const origin = `http://127.0.0.1:${port}`;
export const benchState = resolve(root, '.wrangler/bench-state');
export const outputDir = resolve(root, 'bench');

/** A fresh local D1 with every migration applied. */
export function freshDatabase(): void {
  rmSync(benchState, { recursive: true, force: true });
  runTool('wrangler', [
    'd1',
    'migrations',
    'apply',
    'DB',
    '--local',
    '--config',
    builtConfig,
    '--persist-to',
    benchState,
  ]);
}

/**
 * `wrangler dev` on the built Worker, as `npm start` runs it, with Skolverket's register at
 * `registerUrl` (a local fixture); its output goes to bench/<logName>.
 */
export async function startServer(logName: string, registerUrl: string): Promise<ChildProcess> {
  mkdirSync(outputDir, { recursive: true });
  const log = openSync(resolve(outputDir, logName), 'w');
  const server = startTool(
    'wrangler',
    [
      'dev',
      '--config',
      builtConfig,
      '--persist-to',
      benchState,
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--var',
      'APP_ENV:development',
      '--var',
      `PUBLIC_ORIGIN:${origin}`,
      '--var',
      `PORTAL_SECRET:${localSecret(benchState)}`,
      '--var',
      `SKOLVERKET_BASE_URL:${registerUrl}`,
      '--show-interactive-dev-session=false',
    ],
    ['ignore', log, log],
  );
  try {
    await untilHealthy(server, logName);
  } catch (error) {
    await stopServer(server);
    throw error;
  }
  return server;
}

async function untilHealthy(server: ChildProcess, logName: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`wrangler dev avslutades (${server.exitCode}); se bench/${logName}`);
    const ok = await fetch(`${origin}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev svarade inte inom en minut; se bench/${logName}`);
}

/** Stops the whole process group (wrangler and its workerd) and waits until all of it is gone. */
export async function stopServer(server: ChildProcess): Promise<void> {
  const pid = server.pid;
  if (pid === undefined) return;
  stopGroup(server);
  const deadline = Date.now() + 5_000;
  while (groupAlive(pid)) {
    if (Date.now() > deadline) signalGroup(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const groupAlive = (pid: number) => signalGroup(pid, 0);

function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // No process left in the group.
  }
}
