// Runs a node with its control API, as `sortlift start` does.
import { SortliftNode } from './node.js'
import type { NodeOptions } from './node.js'
import { startApi } from '../api/server.js'
import { tuneProcess } from './tuning.js'
import type { ApiServer } from '../api/server.js'

export interface RunningNode {
  node: SortliftNode
  api: ApiServer
  stop: () => Promise<void>
}

export async function runNode (opts: NodeOptions): Promise<RunningNode> {
  tuneProcess()
  const node = await SortliftNode.start(opts)
  let api: ApiServer
  try {
    const config = await node.dataDir.config()
    api = await startApi(node, await node.dataDir.token(), opts.apiPort ?? config.apiPort)
  } catch (err) {
    await node.stop()
    throw err
  }
  await node.dataDir.writeApi({ url: api.url, pid: process.pid })
  let stopping: Promise<void> | undefined
  const stop = async (): Promise<void> => {
    stopping ??= (async () => {
      await api.close()
      await node.dataDir.clearApi()
      await node.stop()
    })()
    await stopping
  }
  return { node, api, stop }
}
