/**
 * The renderer's one data path: TanStack Query over `call()`. Components read with `useChannel`
 * (or `useChannelPages` for lists the server pages) and write with `useChannelMutation`; none
 * calls `call()` itself (lint refuses it outside `app/` and `session/`).
 *
 * Invariants held here, not in components:
 * - a session problem (`unauthenticated`, `locked`) is reported once, by the caches' `onError`,
 *   so the login or lock screen follows whatever call met it;
 * - the cache holds only what the signed-in user saw: `SessionProvider` clears it whenever the
 *   user changes, signs out or locks (`clearOnSessionChange`), so the next person at the desk
 *   never sees the last one's data, not even for a frame;
 * - app errors are not retried (a refused input stays refused), and nothing refetches on window
 *   focus: this is a desktop app over a local store, pages refresh on the changes they make.
 */
import {
  MutationCache,
  QueryCache,
  QueryClient,
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type QueryKey,
} from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract';
import type { AppErrorShape } from '../../../shared/result';
import { call, errorOf } from './api';
import { reportAuthProblem } from './session/SessionContext';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: (e) => void reportAuthProblem(e) }),
    mutationCache: new MutationCache({ onError: (e) => void reportAuthProblem(e) }),
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
      // A write's input and answer (a password, a revealed number, a call's answers) are not kept
      // once it settles: the component that asked has them, the cache needs none.
      mutations: { retry: false, gcTime: 0 },
    },
  });
}

/** The cache key of a channel read: the channel first, so invalidating by channel or slug is a prefix match. */
export function channelKey<C extends Channel>(channel: C, input?: ChannelInput<C>): QueryKey {
  return input === undefined ? [channel] : [channel, input];
}

/** What a failed read or write shows: null when nothing failed or when the lock/login screen takes over. */
export function shownError(e: unknown): AppErrorShape | null {
  if (e === null || e === undefined) return null;
  const err = errorOf(e);
  return err.code === 'unauthenticated' || err.code === 'locked' ? null : err;
}

interface ChannelQueryOptions<Out = unknown> {
  enabled?: boolean;
  /**
   * Re-read every so many milliseconds while mounted (the workbench's clock-driven counts); or a
   * function of the last answer (and whether the last read failed), for polling a long job only
   * while it runs: `false` stops.
   */
  refetchInterval?: number | ((data: Out | undefined, failed: boolean) => number | false);
  /** Keep showing the previous input's data while the next loads (search boxes, tab switches). */
  keepPrevious?: boolean;
  /** Keep nothing once no screen shows it: each visit starts from a fresh read, never from the last one's data. */
  fresh?: boolean;
}

/** Read one channel; cached by `[channel, input]`. */
export function useChannel<C extends Channel>(
  channel: C,
  input: ChannelInput<C>,
  options: ChannelQueryOptions<ChannelOutput<C>> = {},
) {
  const every = options.refetchInterval;
  return useQuery<ChannelOutput<C>, Error, ChannelOutput<C>, QueryKey>({
    queryKey: channelKey(channel, input),
    queryFn: () => call(channel, input),
    enabled: options.enabled,
    refetchInterval: typeof every === 'function' ? (q) => every(q.state.data, q.state.status === 'error') : every,
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
    gcTime: options.fresh ? 0 : undefined,
  });
}

type PagedChannel = {
  [C in Channel]: ChannelOutput<C> extends { total: number; rows: unknown[] }
    ? ChannelInput<C> extends { offset?: number; limit?: number }
      ? C
      : never
    : never;
}[Channel];

/**
 * Read a list the server pages (`offset`/`limit` in, `total`/`rows` out) one page at a time;
 * `fetchNextPage()` asks for the next page (the virtual list calls it near its end).
 */
export function useChannelPages<C extends PagedChannel>(
  channel: C,
  input: Omit<ChannelInput<C>, 'offset' | 'limit'>,
  pageSize: number,
  options: Pick<ChannelQueryOptions, 'enabled' | 'keepPrevious'> = {},
) {
  return useInfiniteQuery<ChannelOutput<C>, Error, InfiniteData<ChannelOutput<C>, number>, QueryKey, number>({
    queryKey: [channel, input, { pageSize }],
    initialPageParam: 0,
    queryFn: ({ pageParam }) =>
      call(channel, { ...input, offset: pageParam, limit: pageSize } as ChannelInput<C>) as Promise<ChannelOutput<C>>,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, p) => n + (p as { rows: unknown[] }).rows.length, 0);
      const total = (last as { total: number }).total;
      return loaded < total && (last as { rows: unknown[] }).rows.length > 0 ? loaded : undefined;
    },
    enabled: options.enabled,
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
  });
}

/** The rows of every page loaded so far, in order. */
export function pagedRows<R>(data: InfiniteData<{ rows: R[] }, number> | undefined): R[] {
  return data ? data.pages.flatMap((p) => p.rows) : [];
}

/** A channel name or a slug (`'tasks'` matches every `tasks.*` read). */
export type Invalidates = ReadonlyArray<Channel | string>;

function matches(key: QueryKey, targets: Invalidates): boolean {
  const head = key[0];
  if (typeof head !== 'string') return false;
  return targets.some((t) => head === t || head.startsWith(`${t}.`));
}

function reload(client: QueryClient, targets: Invalidates): Promise<void> | undefined {
  return targets.length ? client.invalidateQueries({ predicate: (q) => matches(q.queryKey, targets) }) : undefined;
}

/** Write through one channel; on success (or a refusal because the data changed) the reads named in `invalidates` load again. */
export function useChannelMutation<C extends Channel>(channel: C, options: { invalidates?: Invalidates } = {}) {
  const client = useQueryClient();
  const targets = options.invalidates ?? [];
  return useMutation({
    mutationKey: [channel],
    mutationFn: (input: ChannelInput<C>) => call(channel, input),
    onSuccess: () => reload(client, targets),
    // Refused because the data moved on (a task taken meanwhile, a record gone): what the screen
    // shows is out of date, so it loads again rather than offer the same refused action.
    onError: (e) => {
      const code = errorOf(e).code;
      if (code === 'conflict' || code === 'not_found') return reload(client, targets);
    },
  });
}

/** Reload the named reads now (after a change made outside a mutation, e.g. an upload helper). */
export function useInvalidate(): (targets: Invalidates) => Promise<void> {
  const client = useQueryClient();
  // Stable, so an effect may depend on it without running again on every render.
  return useCallback(
    (targets: Invalidates) => client.invalidateQueries({ predicate: (q) => matches(q.queryKey, targets) }),
    [client],
  );
}

/** A list's `onScroll`: ask for the next page when the user is within a few screens of the end. */
export function loadMoreOnScroll(pages: {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}): (e: { currentTarget: HTMLElement }) => void {
  return (e) => {
    const el = e.currentTarget;
    if (!pages.hasNextPage || pages.isFetchingNextPage) return;
    if (el.scrollTop + el.clientHeight * 3 >= el.scrollHeight) void pages.fetchNextPage();
  };
}
