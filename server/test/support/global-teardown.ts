export default async function globalTeardown(): Promise<void> {
  await Promise.all((globalThis.__tollgateEmbedded ?? []).map((embedded) => embedded.stop()));
}
