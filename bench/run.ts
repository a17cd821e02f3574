/**
 * `npm run bench -- <name>...` runs the named benchmarks (all of them without a name). Each
 * bench creates and drops its own database and prints a table. Options such as `--rows 20000`
 * follow the names. Benchmarks are never tests: they measure this machine, in this run.
 */
import { runAuditBench } from './audit.bench';
import { runLoginBench } from './login.bench';
import { runNotifyBench } from './notify.bench';
import { runPolicyBench } from './policy.bench';
import { runReadsBench } from './reads.bench';
import { runScaleoutBench } from './scaleout.bench';
import { runWebBench } from './web.bench';

type Bench = () => Promise<void>;

const BENCHES: Record<string, Bench> = {
  audit: runAuditBench,
  login: runLoginBench,
  notify: runNotifyBench,
  policy: runPolicyBench,
  reads: runReadsBench,
  scaleout: runScaleoutBench,
  web: runWebBench,
};

async function main(): Promise<number> {
  // Options (`--rows 20000`) follow the names; each bench reads its own with numberOption (bench-kit.ts).
  const requested = process.argv
    .slice(2)
    .filter((arg, i, all) => !arg.startsWith('--') && !all[i - 1]?.startsWith('--'));
  const unknown = requested.filter((name) => !(name in BENCHES));
  if (unknown.length > 0) {
    console.error(`unknown bench: ${unknown.join(', ')} (available: ${Object.keys(BENCHES).join(', ')})`);
    return 2;
  }
  for (const name of requested.length > 0 ? requested : Object.keys(BENCHES)) {
    console.log(`\n== bench: ${name} ==`);
    await BENCHES[name]!();
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
