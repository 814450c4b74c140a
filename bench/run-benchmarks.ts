import { rebuildBench } from './rebuild.bench';
import { storeBench } from './store.bench';

const BENCHES: Record<string, () => Promise<void>> = {
  store: storeBench,
  rebuild: rebuildBench,
};

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const names = asked.length > 0 ? asked : Object.keys(BENCHES);
  for (const name of names) {
    const bench = BENCHES[name];
    if (bench === undefined)
      throw new Error(`unknown benchmark ${name}; known: ${Object.keys(BENCHES).join(', ')}`);
    console.log(`\n=== ${name} ===`);
    await bench();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
