// The data directory: node key, API token, config, API location, database.
import { mkdir, readFile, writeFile, chmod, rm, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { readFileSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys'
import type { PrivateKey } from '@libp2p/interface'
import type { BeaconConfig } from '../beacon/service.js'

export interface NodeConfig {
  listen: string[]
  bootstrap: string[]
  apiPort: number
  /** automatic local clearing: interval in ms (0: off) and smallest circuit in milli-units (decimal string) */
  clearing?: { intervalMs?: number, min?: string }
  /** how long a referee waits for every promise of a lift it originates (ms, default 5000) */
  liftTimeoutMs?: number
  /** beacon role and the beacon network followed (src/beacon/service.ts, docs-beacon-role.md) */
  beacon?: BeaconConfig
  /**
   * sortition: how often an operated chain with changes gets a new commitment
   * (ms, default 10000; 0: on demand only); how soon after a child chain's
   * commitment arrives the parent commits it (ms, default 50); how often
   * unfinished claims and prize payments are retried (ms, default 5000; 0: off);
   * how often followed chains poll for new heights (ms, default 30000; 0: gossip
   * and on demand only); how often provider records of held chains are checked
   * and refreshed (ms, default 5000)
   */
  sortition?: { commitIntervalMs?: number, embedDelayMs?: number, claimRetryMs?: number, syncIntervalMs?: number, announceIntervalMs?: number }
  /** storage: the nice value (1-19) of LevelDB's compaction thread, 0 to leave it alone (default 10; src/store/compaction-priority.ts) */
  storage?: { compactionNice?: number }
}

export const DEFAULT_CONFIG: NodeConfig = {
  listen: ['/ip4/0.0.0.0/tcp/4747'],
  bootstrap: [],
  apiPort: 0
}

export interface ApiLocation {
  url: string
  pid: number
}

export class DataDir {
  readonly path: string
  constructor (path: string) {
    this.path = resolve(path)
  }

  get keyFile (): string { return join(this.path, 'node.key') }
  get tokenFile (): string { return join(this.path, 'api.token') }
  get configFile (): string { return join(this.path, 'config.json') }
  get apiFile (): string { return join(this.path, 'api.json') }
  get dbPath (): string { return join(this.path, 'db') }
  /** libp2p's peer store and DHT records (a LevelDB of their own) */
  get p2pPath (): string { return join(this.path, 'p2p') }
  get failpointFile (): string { return join(this.path, 'failpoints') }

  /**
   * Fault injection: a trigger that fires a named failpoint once if it is
   * armed in the file `failpoints` (one name per line; read when asked, so a
   * running node can be armed): the name is removed from the file, then
   * `fire` runs.
   */
  failpoints (fire: (name: string, liftId: string) => void): (name: string, liftId: string) => void {
    return (name, liftId) => {
      let armed: string[]
      try {
        armed = readFileSync(this.failpointFile, 'utf8').split('\n').map(l => l.trim()).filter(l => l !== '')
      } catch {
        return
      }
      if (!armed.includes(name)) return
      writeFileSync(this.failpointFile, armed.filter(a => a !== name).join('\n'))
      process.stderr.write(`sortlift: failpoint ${name} fired (lift ${liftId})\n`)
      fire(name, liftId)
    }
  }

  async exists (): Promise<boolean> {
    try {
      await stat(this.keyFile)
      return true
    } catch {
      return false
    }
  }

  /** Creates the directory, key, token and config if missing; keeps what exists. */
  async init (config: Partial<NodeConfig> = {}): Promise<{ created: boolean }> {
    await mkdir(this.path, { recursive: true, mode: 0o700 })
    const created = !await this.exists()
    if (created) {
      const key = await generateKeyPair('Ed25519')
      await writeSecret(this.keyFile, privateKeyToProtobuf(key))
    }
    try {
      await stat(this.tokenFile)
    } catch {
      await writeSecret(this.tokenFile, randomBytes(32).toString('hex') + '\n')
    }
    try {
      await stat(this.configFile)
    } catch {
      await writeFile(this.configFile, JSON.stringify({ ...DEFAULT_CONFIG, ...config }, null, 2) + '\n')
    }
    return { created }
  }

  async privateKey (): Promise<PrivateKey> {
    return privateKeyFromProtobuf(await readFile(this.keyFile))
  }

  async token (): Promise<string> {
    return (await readFile(this.tokenFile, 'utf8')).trim()
  }

  async config (): Promise<NodeConfig> {
    try {
      return { ...DEFAULT_CONFIG, ...JSON.parse(await readFile(this.configFile, 'utf8')) }
    } catch (err: any) {
      if (err.code === 'ENOENT') return { ...DEFAULT_CONFIG }
      throw new Error(`cannot read ${this.configFile}: ${err.message}`)
    }
  }

  async writeApi (loc: ApiLocation): Promise<void> {
    await writeFile(this.apiFile, JSON.stringify(loc) + '\n')
  }

  async readApi (): Promise<ApiLocation | undefined> {
    try {
      return JSON.parse(await readFile(this.apiFile, 'utf8'))
    } catch {
      return undefined
    }
  }

  async clearApi (): Promise<void> {
    await rm(this.apiFile, { force: true })
  }
}

async function writeSecret (file: string, data: Uint8Array | string): Promise<void> {
  await writeFile(file, data, { mode: 0o600 })
  await chmod(file, 0o600)
}
