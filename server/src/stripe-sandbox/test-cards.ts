/** Stripe's test cards the sandbox understands, by what they do. */
export interface TestCard {
  last4: string;
  /** `declined`: 4000 0000 0000 0002. `fails_later`: 4000 0000 0000 0341 pays now, declines every later charge. */
  outcome: 'succeeds' | 'declined' | 'fails_later';
}

const CARDS: Record<string, TestCard['outcome']> = {
  '4242424242424242': 'succeeds',
  '5555555555554444': 'succeeds',
  '4000000000000002': 'declined',
  '4000000000009995': 'declined',
  '4000000000000341': 'fails_later',
};

export function testCard(input: unknown): TestCard | undefined {
  const digits = String(input ?? '').replace(/[\s-]/g, '');
  const outcome = CARDS[digits];
  return outcome ? { last4: digits.slice(-4), outcome } : undefined;
}
