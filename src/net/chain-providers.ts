// Provider records for sortition chains in the kad-dht: a node that holds a
// chain's data (its operator, its followers) announces itself under the
// chain's CID, and a node that needs the chain finds them there.
// CID = CIDv1, codec raw (0x55), multihash sha2-256 (0x12) whose digest is
// the 32-byte chain id (already a SHA-256).
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import * as Digest from 'multiformats/hashes/digest'
import { sha256 } from 'multiformats/hashes/sha2'
import { peerIdFromString } from '@libp2p/peer-id'
import type { Libp2p } from '@libp2p/interface'

export function chainCid (chainId: Uint8Array): CID {
  if (chainId.length !== 32) throw new TypeError('a chain id is 32 bytes')
  return CID.createV1(raw.code, Digest.create(sha256.code, chainId))
}

export interface ProviderFinder {
  /** other peers that announced `chainId`, as they are found (addresses go to the peer store) */
  find (chainId: Uint8Array, signal: AbortSignal): AsyncIterable<string>
}

export class ChainProviders implements ProviderFinder {
  constructor (private readonly host: Libp2p) {}

  /** Announces this node as a provider of the chain (the DHT republishes it). */
  async announce (chainId: Uint8Array, signal: AbortSignal): Promise<void> {
    await this.host.contentRouting.provide(chainCid(chainId), { signal })
  }

  async * find (chainId: Uint8Array, signal: AbortSignal): AsyncIterable<string> {
    const self = this.host.peerId.toString()
    const seen = new Set<string>()
    for await (const p of this.host.contentRouting.findProviders(chainCid(chainId), { signal })) {
      const id = p.id.toString()
      if (id === self || seen.has(id)) continue
      seen.add(id)
      if (p.multiaddrs.length > 0) await this.host.peerStore.merge(peerIdFromString(id), { multiaddrs: p.multiaddrs }).catch(() => {})
      yield id
    }
  }
}
