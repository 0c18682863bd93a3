// A write the store applied whose reply was lost: the store client sends it again, and a conditional copy is refused
// by the original (an unconditional one is applied twice). The next call of `store[method]` applies the real write,
// then answers as its resent copy is answered (docs/QUALITY.md, "Lost replies in tests"). Undo with
// jest.restoreAllMocks().
export function loseNextReply<S extends object>(store: S, method: keyof S & string): jest.SpyInstance {
  const real = (store[method] as (...args: unknown[]) => Promise<unknown>).bind(store);
  return jest.spyOn(store, method as never).mockImplementationOnce((async (...args: unknown[]) => {
    expect(await real(...args)).toBeTruthy();
    return real(...args);
  }) as never);
}
