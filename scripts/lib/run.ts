import { spawn, spawnSync, type ChildProcess, type StdioOptions } from 'node:child_process';
import { resolve } from 'node:path';
import { quietEnv, root } from './env';

const bins = {
  astro: 'node_modules/astro/bin/astro.mjs',
  wrangler: 'node_modules/wrangler/bin/wrangler.js',
  pagefind: 'node_modules/pagefind/lib/runner/bin.cjs',
  tsx: 'node_modules/tsx/dist/cli.mjs',
} as const;

/** Runs a project tool on the same Node that runs us (Node 24 from the `node` package). */
export function runTool(tool: keyof typeof bins, args: string[]): void {
  const result = spawnSync(process.execPath, [resolve(root, bins[tool]), ...args], {
    cwd: root,
    env: quietEnv,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} avslutades med kod ${result.status}`);
}

/** Runs a project tool and returns what it printed; a failure throws with its output. */
export function captureTool(tool: keyof typeof bins, args: string[]): string {
  const result = spawnSync(process.execPath, [resolve(root, bins[tool]), ...args], {
    cwd: root,
    env: quietEnv,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0)
    throw new Error(
      `${tool} ${args[0] ?? ''} ${args[1] ?? ''} avslutades med kod ${result.status}: ${result.stdout}${result.stderr}`,
    );
  return result.stdout;
}

/**
 * Starts a long-running tool in its own process group, so that stopping it also stops the
 * workerd processes it spawns (killing only the parent leaves workerd running).
 */
export function startTool(
  tool: keyof typeof bins,
  args: string[],
  stdio: StdioOptions = 'inherit',
  env: NodeJS.ProcessEnv = quietEnv,
): ChildProcess {
  return spawn(process.execPath, [resolve(root, bins[tool]), ...args], {
    cwd: root,
    env,
    stdio,
    detached: true,
  });
}

export function stopGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}
