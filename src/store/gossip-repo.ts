// What the gossip topics leave behind: verified beacon rounds (per chain,
// bounded to the latest `keep`) and verified oracle attestations (bounded).
import { textSub, prefixRange } from './db.js'
import type { RootDb, Sub } from './db.js'
import { sha256 } from '../crypto/hash.js'
import { toHex } from '../crypto/bytes.js'

const ROUND_WIDTH = 20 // 2^64-1 has 20 decimal digits
const utf8 = new TextEncoder()

export interface StoredRound {
  chainHash: string
  round: string
  signature: string
  randomness: string
  /** PeerId that relayed it to us (ours for rounds we made) */
  from: string
  receivedAt: number
}

export class BeaconRoundRepository {
  private readonly sub: Sub<string>
  private readonly counts = new Map<string, number>()

  constructor (db: RootDb, readonly keep = 1000) {
    this.sub = textSub(db, 'beacon-rounds')
  }

  private static key (chainHash: string, round: bigint): string {
    return `${chainHash}.${round.toString().padStart(ROUND_WIDTH, '0')}`
  }

  async get (chainHash: string, round: bigint): Promise<StoredRound | undefined> {
    const raw = await this.sub.get(BeaconRoundRepository.key(chainHash, round))
    return raw == null ? undefined : JSON.parse(raw)
  }

  async has (chainHash: string, round: bigint): Promise<boolean> {
    return await this.sub.get(BeaconRoundRepository.key(chainHash, round)) != null
  }

  async latest (chainHash: string): Promise<StoredRound | undefined> {
    for await (const v of this.sub.values({ ...prefixRange(chainHash + '.'), reverse: true, limit: 1 })) return JSON.parse(v)
    return undefined
  }

  /** Stores a verified round, then drops the oldest beyond `keep` for its chain. */
  async put (r: StoredRound): Promise<void> {
    const key = BeaconRoundRepository.key(r.chainHash, BigInt(r.round))
    if (await this.sub.get(key) != null) return
    const count = (await this.count(r.chainHash)) + 1
    await this.sub.put(key, JSON.stringify(r))
    this.counts.set(r.chainHash, count)
    if (count <= this.keep) return
    const drop: string[] = []
    for await (const k of this.sub.keys({ ...prefixRange(r.chainHash + '.'), limit: count - this.keep })) drop.push(k)
    await this.sub.batch(drop.map(k => ({ type: 'del' as const, key: k })))
    this.counts.set(r.chainHash, count - drop.length)
  }

  /** The oldest round kept for a chain (rounds below it are not stored again). */
  async oldest (chainHash: string): Promise<bigint | undefined> {
    for await (const v of this.sub.values({ ...prefixRange(chainHash + '.'), limit: 1 })) return BigInt(JSON.parse(v).round)
    return undefined
  }

  async count (chainHash: string): Promise<number> {
    let n = this.counts.get(chainHash)
    if (n == null) {
      n = 0
      for await (const _ of this.sub.keys(prefixRange(chainHash + '.'))) n++
      this.counts.set(chainHash, n)
    }
    return n
  }
}

export interface StoredAttestation {
  /** hex, 32 bytes */
  oracle: string
  question: string
  outcome: string
  /** hex, 64 bytes */
  signature: string
  from: string
  receivedAt: number
}

export class AttestationRepository {
  private readonly sub: Sub<string>
  private size?: number

  constructor (db: RootDb, readonly max = 100_000) {
    this.sub = textSub(db, 'oracle-attestations')
  }

  private static questionKey (question: string): string {
    return toHex(sha256(utf8.encode(question)))
  }

  private static key (a: { oracle: string, question: string, outcome: string }): string {
    return `${AttestationRepository.questionKey(a.question)}.${a.oracle}.${toHex(sha256(utf8.encode(a.outcome)))}`
  }

  async has (a: { oracle: string, question: string, outcome: string }): Promise<boolean> {
    return await this.sub.get(AttestationRepository.key(a)) != null
  }

  async full (): Promise<boolean> {
    return await this.count() >= this.max
  }

  /** Stores a verified attestation; false if it was already there. */
  async put (a: StoredAttestation): Promise<boolean> {
    const key = AttestationRepository.key(a)
    if (await this.sub.get(key) != null) return false
    const n = await this.count()
    await this.sub.put(key, JSON.stringify(a))
    this.size = n + 1
    return true
  }

  async list (question?: string): Promise<StoredAttestation[]> {
    const out: StoredAttestation[] = []
    const range = question == null ? {} : prefixRange(AttestationRepository.questionKey(question) + '.')
    for await (const v of this.sub.values(range)) out.push(JSON.parse(v))
    return out.sort((x, y) => x.receivedAt - y.receivedAt)
  }

  async count (): Promise<number> {
    if (this.size == null) {
      let n = 0
      for await (const _ of this.sub.keys()) n++
      this.size = n
    }
    return this.size
  }
}
