/**
 * `npm run bench -- <name>...` runs the named benchmarks (all of them without a name). Each
 * bench creates and drops its own database and prints a table. Benchmarks are never tests:
 * they measure this machine, in this run.
 */
import { runAuditBench } from './audit.bench';
import { runNotifyBench } from './notify.bench';
import { runPolicyBench } from './policy.bench';
import { runWebBench } from './web.bench';

type Bench = () => Promise<void>;

const BENCHES: Record<string, Bench> = {
  audit: runAuditBench,
  notify: runNotifyBench,
  policy: runPolicyBench,
  web: runWebBench,
};

async function main(): Promise<number> {
  const requested = process.argv.slice(2);
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
