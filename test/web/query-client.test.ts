/**
 * The renderer's query client (renderer/src/app/query.ts) keeps nothing of a write once it settles:
 * a password sent to auth.unlock or backup.restore, a number pii.reveal answered, a call's answers.
 */
import { MutationObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { createQueryClient } from '../../renderer/src/app/query';

describe('the query client', () => {
  it('forgets a settled write, its input and its answer, as soon as no screen shows it', async () => {
    const client = createQueryClient();
    const write = new MutationObserver(client, { mutationFn: async (password: string) => ({ echoed: password }) });
    await write.mutate('admin-pass-1');
    expect(
      JSON.stringify(
        client
          .getMutationCache()
          .getAll()
          .map((m) => m.state),
      ),
    ).toContain('admin-pass-1');
    write.reset(); // the screen that asked is gone
    await new Promise((r) => setTimeout(r, 20));
    expect(client.getMutationCache().getAll()).toEqual([]);
  });

  it('does not retry a refused write', () => {
    expect(createQueryClient().getDefaultOptions().mutations?.retry).toBe(false);
  });
});
