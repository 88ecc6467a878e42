/**
 * Shared helpers for the cluster-provider unit tests: a frozen system clock (the modules under test take
 * no clock, and must not read one) and small world builders.
 */
import { afterEach, beforeEach, vi } from 'vitest';

/** The fixed instant every test in this folder runs at. */
export const FROZEN_NOW = new Date('2026-01-15T10:00:00Z');

/** Freezes Date for every test in the calling file. */
export function freezeClock(): void {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(FROZEN_NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/** Runs `f` at the frozen instant and again two days later; both results must be equal (no hidden clock). */
export function atTwoInstants<T>(f: () => T): [T, T] {
  vi.setSystemTime(FROZEN_NOW);
  const a = f();
  vi.setSystemTime(new Date(FROZEN_NOW.getTime() + 2 * 86400_000));
  const b = f();
  vi.setSystemTime(FROZEN_NOW);
  return [a, b];
}

/** A JSON deep copy (worlds are plain data). */
export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
