/**
 * fast-check seed for every property and fuzz test of `npm run test:unit` (vitest setupFiles).
 *
 * - `FC_SEED=<integer>`: that seed (to replay a failure: fast-check prints the seed of a failing run).
 * - in CI (`CI` set, as `.ci/run` does): a fixed seed, so a run of `npm test` gives the same cases every
 *   time and a red CI always means a change broke something, never an unlucky draw.
 * - otherwise (a developer's machine): a new random seed each run, so local runs keep exploring.
 *   `npm run bench` runs the fuzz properties with 10,000 cases each on random seeds as well.
 * Every new bug a random run finds gets a regression test of its own (see "bugs found by the fuzz").
 */
import fc from 'fast-check';

/** The seed CI uses. Changing it is fine; any seed must pass. */
export const CI_SEED = 20261129;

const fromEnv = process.env.FC_SEED;
const seed = fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) : process.env.CI ? CI_SEED : undefined;
if (seed !== undefined) {
  if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer, got ${JSON.stringify(fromEnv)}`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
}
