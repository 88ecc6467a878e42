/** A count as a capitalised English word for prose ("Ten"): words up to twelve, digits beyond. */
const NUMBER_WORDS = ['Zero', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten', 'Eleven', 'Twelve'];

/** `n` (a non-negative integer) as a capitalised word up to twelve, as digits beyond. */
export function countWord(n: number): string {
  return NUMBER_WORDS[n] ?? String(n);
}
