// Three nodes in a line for lift tests: alice@a → bob@b → carol@c, with a
// tally between neighbours whose receiver publishes a target of 10.000, so
// each edge carries 10.000 free of reward.
import type { SortliftNode, NodeOptions } from '../../src/node/node.js'
import { startNode, tempDir, connect, waitFor } from './nodes.js'
import { openTally, setSettings } from './tallies.js'

export interface Line { a: SortliftNode, b: SortliftNode, c: SortliftNode, dirs: string[], t1: string, t2: string }

/** `extra[i]` goes to node i's options (a lift timeout, a failpoint handler...). */
export async function startLine (extra: Array<Partial<NodeOptions>> = []): Promise<Line> {
  const dirs = [await tempDir(), await tempDir(), await tempDir()]
  const [a, b, c] = [await startNode(dirs[0], [], extra[0]), await startNode(dirs[1], [], extra[1]), await startNode(dirs[2], [], extra[2])]
  await connect(a, b)
  await connect(b, c)
  await connect(a, c)
  await a.users.add('alice')
  await b.users.add('bob')
  await c.users.add('carol')
  // t1: bob stock, alice foil (alice gives); t2: carol stock, bob foil (bob gives).
  const t1 = await openTally({ node: b, user: 'bob' }, { node: a, user: 'alice' })
  const t2 = await openTally({ node: c, user: 'carol' }, { node: b, user: 'bob' })
  await setSettings({ node: b, user: 'bob' }, t1, { target: 10_000n, bound: 10_000n })
  await setSettings({ node: c, user: 'carol' }, t2, { target: 10_000n, bound: 10_000n })
  await waitFor(async () => (await a.tallies.show(t1)).chain.length === 1 && (await b.tallies.show(t2, 'bob')).chain.length === 1, 'settings on both halves')
  return { a, b, c, dirs, t1, t2 }
}

export async function stopLine (l: Line): Promise<void> {
  for (const n of [l.a, l.b, l.c]) await n.stop().catch(() => {})
}
