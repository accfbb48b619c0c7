import type { AdapterFactory, AdapterOptions, ChannelAdapter } from "./types.js";

/**
 * Channels register a factory under their id; the sync engine asks the registry, never a concrete adapter,
 * so a third-party channel is added by calling registerAdapter from its own package.
 */
const factories = new Map<string, AdapterFactory>();

export function registerAdapter(channel: string, factory: AdapterFactory): void {
  factories.set(channel, factory);
}

export function createAdapter(channel: string, opts: AdapterOptions): ChannelAdapter {
  const factory = factories.get(channel);
  if (!factory) {
    throw new Error(
      `No adapter registered for channel "${channel}" (registered: ${[...factories.keys()].join(", ") || "none"})`,
    );
  }
  return factory(opts);
}

export function registeredChannels(): string[] {
  return [...factories.keys()];
}
