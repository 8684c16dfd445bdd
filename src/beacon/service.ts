// The beacon role and the beacon/oracle followers.
//
// BeaconService: every node follows one beacon network (config
// `beacon.network`, or its own when it has the role). Rounds arriving on
// /sortlift/beacon/1 are accepted only if they verify against that network;
// accepted rounds are stored (the latest `keep` per chain). A node with the
// role signs each round of its local one-key beacon when it is due and
// publishes it.
//
// OracleService: oracle attestations on /sortlift/oracle/1 are accepted only
// if their Ed25519 signature verifies; accepted ones are stored.
import { readFile, writeFile, chmod } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { bls12_381 } from '@noble/curves/bls12-381.js'
import { BeaconError } from './errors.js'
import { checkNetwork, roundAt, timeOfRound } from './networks.js'
import type { BeaconNetwork } from './networks.js'
import { createLocalBeacon, secretKeyFromHex } from './local.js'
import type { LocalBeacon } from './local.js'
import { verifyBeacon } from './verify.js'
import { decodeBeaconRound, encodeBeaconRound } from './wire.js'
import { toHex } from '../crypto/bytes.js'
import { decodeAttestation, encodeAttestation, signAttestation, verifyAttestation } from '../sortition/attestation.js'
import type { Attestation } from '../sortition/attestation.js'
import type { Signer } from '../crypto/keys.js'
import type { BeaconRoundRepository, StoredRound, AttestationRepository, StoredAttestation } from '../store/gossip-repo.js'
import type { GossipValidator, GossipVerdict } from '../net/gossip.js'

/** config.json `beacon` */
export interface BeaconConfig {
  /** this node runs the devnet beacon: it signs and publishes every round */
  role?: boolean
  /** ms between rounds for the role; a whole number of seconds (the scheme counts seconds); default 1000 */
  period?: number
  /** file holding the role's BLS secret key (64 hex chars); default: kept in <data>/beacon.key */
  seedFile?: string
  /** unix seconds of round 1 for the role; default: the first start, kept in <data>/beacon.key */
  genesisTime?: number
  /** beacon id of the role's chain; default "sortlift-devnet" */
  beaconId?: string
  /** the beacon network this node follows (PROTOCOL §7.2); a role node follows its own */
  network?: BeaconNetwork
  /** rounds kept per chain (default 1000) */
  keep?: number
}

export type GossipErrorCode = 'NO_NETWORK' | 'UNKNOWN_ROUND' | 'BAD_INPUT'

export class GossipServiceError extends Error {
  constructor (readonly code: GossipErrorCode, message: string) {
    super(message)
    this.name = 'GossipServiceError'
  }
}

export const BEACON_KEY_FILE = 'beacon.key'

/**
 * The role's local beacon: secret key from `seedFile` or <data>/beacon.key
 * (created with a random key, mode 0600), genesis from config or the key
 * file, period from config. The key file keeps the genesis so the chain (and
 * its chain hash) survives restarts.
 */
export async function loadLocalBeacon (dataDir: string, cfg: BeaconConfig, nowMs = Date.now()): Promise<LocalBeacon> {
  const periodMs = cfg.period ?? 1000
  if (!Number.isSafeInteger(periodMs) || periodMs < 1000 || periodMs % 1000 !== 0) {
    throw new Error(`beacon.period must be a whole number of seconds in ms (1000, 2000, ...), got ${periodMs}`)
  }
  const keyFile = join(dataDir, BEACON_KEY_FILE)
  let stored: { secretKey: string, genesisTime: number } | undefined
  try {
    stored = JSON.parse(await readFile(keyFile, 'utf8'))
  } catch (err: any) {
    if (err.code !== 'ENOENT') throw new Error(`cannot read ${keyFile}: ${err.message}`)
  }
  let secretHex: string
  if (cfg.seedFile != null) {
    const text = (await readFile(resolve(dataDir, cfg.seedFile), 'utf8')).trim()
    secretHex = text.startsWith('{') ? JSON.parse(text).secretKey : text
  } else {
    secretHex = stored?.secretKey ?? toHex(bls12_381.utils.randomSecretKey())
  }
  let secretKey: Uint8Array
  try {
    secretKey = secretKeyFromHex(secretHex)
  } catch (err: any) {
    throw new Error(`beacon secret key${cfg.seedFile != null ? ` in ${cfg.seedFile}` : ''}: ${err.message}`)
  }
  const genesisTime = cfg.genesisTime ?? stored?.genesisTime ?? Math.floor(nowMs / 1000)
  const next = { secretKey: toHex(secretKey), genesisTime }
  if (stored?.secretKey !== next.secretKey || stored?.genesisTime !== next.genesisTime) {
    await writeFile(keyFile, JSON.stringify(next) + '\n', { mode: 0o600 })
    await chmod(keyFile, 0o600)
  }
  return createLocalBeacon({ secretKey, genesisTime, period: periodMs / 1000, beaconId: cfg.beaconId })
}

export interface RoundView {
  network: string
  chainHash: string
  round: string
  signature: string
  randomness: string
  from: string
  receivedAt: number
}

export interface BeaconServiceOptions {
  repo: BeaconRoundRepository
  /** publishes a payload on /sortlift/beacon/1 */
  publish: (data: Uint8Array) => Promise<number>
  /** the followed network; with `local`, must be the local beacon's */
  network?: BeaconNetwork
  /** set on a beacon-role node */
  local?: LocalBeacon
  localPeer: string
  now?: () => number
  log?: (msg: string) => void
}

export class BeaconService implements GossipValidator {
  readonly network?: BeaconNetwork
  readonly local?: LocalBeacon
  private readonly now: () => number
  private timer?: NodeJS.Timeout
  private lastPublished = 0n
  private stopped = false

  constructor (private readonly opts: BeaconServiceOptions) {
    this.local = opts.local
    this.now = opts.now ?? Date.now
    if (opts.network != null) checkNetwork(opts.network)
    if (opts.local != null && opts.network != null && opts.network.chainHash !== opts.local.network.chainHash) {
      throw new Error(`beacon.network (chain ${opts.network.chainHash}) is not this node's own beacon (chain ${opts.local.network.chainHash}); a beacon-role node follows its own chain`)
    }
    this.network = opts.local?.network ?? opts.network
  }

  get role (): boolean {
    return this.local != null
  }

  /** Role: publishes the round due now (so it is stored when this returns) and schedules the next. */
  async start (): Promise<void> {
    this.stopped = false
    if (this.local != null) await this.tick()
  }

  stop (): void {
    this.stopped = true
    if (this.timer != null) clearTimeout(this.timer)
  }

  /** Role: sign, store and publish the round due now (if not done yet), then wait for the next. */
  private async tick (): Promise<void> {
    if (this.stopped || this.local == null) return
    const net = this.local.network
    const due = roundAt(net, this.now() / 1000)
    if (due >= 1n && due > this.lastPublished) {
      this.lastPublished = due
      try {
        await this.publishRound(due)
      } catch (err: any) {
        this.opts.log?.(`beacon: cannot publish round ${due}: ${err.message}`)
      }
    }
    if (this.stopped) return
    const next = (due < 1n ? 1n : due + 1n)
    const wait = Math.max(0, timeOfRound(net, next) * 1000 - this.now())
    this.timer = setTimeout(() => { void this.tick() }, wait)
    this.timer.unref?.()
  }

  /** Role: signs `round`, stores it and publishes it; returns how many peers it was sent to. */
  async publishRound (round: bigint): Promise<number> {
    if (this.local == null) throw new GossipServiceError('NO_NETWORK', 'this node does not have the beacon role')
    const r = this.local.round(round)
    const chainHash = this.local.network.chainHash
    await this.opts.repo.put({ chainHash, round: round.toString(), signature: toHex(r.signature), randomness: toHex(r.randomness), from: this.opts.localPeer, receivedAt: this.now() })
    return await this.opts.publish(encodeBeaconRound({ chainHash, round, signature: r.signature }))
  }

  /** gossip validation of a /sortlift/beacon/1 payload (stores it on accept). */
  async validate (data: Uint8Array, from: string): Promise<GossipVerdict> {
    let m
    try {
      m = decodeBeaconRound(data)
    } catch {
      return 'reject'
    }
    const network = this.network
    if (network == null) return 'ignore' // we follow no beacon: neither judge nor relay
    if (m.chainHash !== network.chainHash) return 'reject' // another chain has no business on this network's topic
    const repo = this.opts.repo
    const stored = await repo.get(network.chainHash, m.round)
    if (stored != null && stored.signature === toHex(m.signature)) return 'ignore' // a duplicate
    // a different signature for a stored round is checked like any other (and fails: BLS signatures are unique)
    if (await repo.count(network.chainHash) >= repo.keep) {
      const oldest = await repo.oldest(network.chainHash)
      if (oldest != null && m.round < oldest) return 'ignore' // too old to keep
    }
    let randomness: Uint8Array
    try {
      randomness = verifyBeacon(network, m.round, m.signature, { now: this.now() / 1000 })
    } catch (err) {
      if (err instanceof BeaconError) {
        if (err.code === 'MALFORMED_SIGNATURE' || err.code === 'BAD_SIGNATURE') return 'reject'
        return 'ignore' // a round not due yet (clock skew) or our own bad network
      }
      throw err
    }
    if (stored != null) return 'ignore'
    await repo.put({ chainHash: network.chainHash, round: m.round.toString(), signature: toHex(m.signature), randomness: toHex(randomness), from, receivedAt: this.now() })
    return 'accept'
  }

  /** The latest verified round, or round `round`. */
  async show (round?: bigint): Promise<RoundView> {
    const network = this.requireNetwork()
    const r = round == null ? await this.opts.repo.latest(network.chainHash) : await this.opts.repo.get(network.chainHash, round)
    if (r == null) throw new GossipServiceError('UNKNOWN_ROUND', round == null ? 'no verified beacon round yet' : `no verified beacon round ${round} (kept: the latest ${this.opts.repo.keep})`)
    return view(network, r)
  }

  info (): { role: boolean, network?: BeaconNetwork } {
    return { role: this.role, ...(this.network != null ? { network: this.network } : {}) }
  }

  private requireNetwork (): BeaconNetwork {
    if (this.network == null) throw new GossipServiceError('NO_NETWORK', 'this node follows no beacon: set beacon.network in config.json (or beacon.role)')
    return this.network
  }
}

function view (n: BeaconNetwork, r: StoredRound): RoundView {
  return { network: n.beaconId, chainHash: r.chainHash, round: r.round, signature: r.signature, randomness: r.randomness, from: r.from, receivedAt: r.receivedAt }
}

export interface AttestationView {
  oracle: string
  question: string
  outcome: string
  signature: string
  from: string
  receivedAt: number
}

export interface OracleServiceOptions {
  repo: AttestationRepository
  publish: (data: Uint8Array) => Promise<number>
  /** a hosted user's signing key */
  signer: (user: string) => Promise<Signer>
  localPeer: string
  now?: () => number
}

export class OracleService implements GossipValidator {
  private readonly now: () => number
  constructor (private readonly opts: OracleServiceOptions) {
    this.now = opts.now ?? Date.now
  }

  async validate (data: Uint8Array, from: string): Promise<GossipVerdict> {
    let a: Attestation
    try {
      a = decodeAttestation(data)
    } catch {
      return 'reject'
    }
    if (!await verifyAttestation(a)) return 'reject'
    const stored = record(a, from, this.now())
    if (await this.opts.repo.has(stored)) return 'ignore'
    if (await this.opts.repo.full()) return 'ignore'
    await this.opts.repo.put(stored)
    return 'accept'
  }

  /** Signs (question, outcome) with a hosted user's key, stores and publishes it. */
  async attest (user: string, question: string, outcome: string): Promise<AttestationView & { recipients: number }> {
    const signer = await this.opts.signer(user)
    let a: Attestation
    let data: Uint8Array
    try {
      a = await signAttestation(signer, question, outcome)
      data = encodeAttestation(a)
    } catch (err: any) {
      throw new GossipServiceError('BAD_INPUT', err.message)
    }
    const stored = record(a, this.opts.localPeer, this.now())
    await this.opts.repo.put(stored)
    const recipients = await this.opts.publish(data)
    return { ...stored, recipients }
  }

  async list (question?: string): Promise<AttestationView[]> {
    return await this.opts.repo.list(question)
  }
}

function record (a: Attestation, from: string, receivedAt: number): StoredAttestation {
  return { oracle: toHex(a.oracle), question: a.question, outcome: a.outcome, signature: toHex(a.signature), from, receivedAt }
}
