// Real nodes for tests: in-process, TCP on 127.0.0.1, LevelDB in temp dirs.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SortliftNode } from '../../src/node/node.js'
import type { NodeOptions } from '../../src/node/node.js'

export interface TestNode {
  node: SortliftNode
  dir: string
  restart: () => Promise<SortliftNode>
}

const dirs: string[] = []

export async function tempDir (prefix = 'sortlift-test-'): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), prefix))
  dirs.push(d)
  return d
}

export async function cleanupDirs (): Promise<void> {
  await Promise.all(dirs.splice(0).map(async d => await rm(d, { recursive: true, force: true })))
}

export async function startNode (dir?: string, bootstrap: string[] = [], extra: Partial<NodeOptions> = {}): Promise<SortliftNode> {
  return await SortliftNode.start({ dataDir: dir ?? await tempDir(), listen: ['/ip4/127.0.0.1/tcp/0'], bootstrap, ...extra })
}

/** Waits for `cond` to hold, polling; fails after `timeoutMs` with `what`. */
export async function waitFor (cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await cond()) return
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

export async function connect (a: SortliftNode, b: SortliftNode): Promise<void> {
  await a.dial(b.addresses()[0])
  await waitFor(() => b.host.getPeers().some(p => p.toString() === a.peerId), 'connection')
}
