// The single libp2p factory. Everything about transports, discovery and limits
// is decided here; protocol classes receive the started host.
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { kadDHT, passthroughMapper } from '@libp2p/kad-dht'
import { LevelDatastore } from 'datastore-level'
import { gossipsub } from '@libp2p/gossipsub'
import { bootstrap } from '@libp2p/bootstrap'
import type { PrivateKey, PeerDiscovery, ComponentLogger } from '@libp2p/interface'
import type { Libp2p } from 'libp2p'
import { DHT_PROTOCOL, BEACON_TOPIC, ORACLE_TOPIC, EVIDENCE_TOPIC, EVIDENCE_ANSWER_TOPIC, VALIDATED_TOPIC_SCORE } from './protocols.js'
import { sha256 } from '../crypto/hash.js'

export interface HostOptions {
  privateKey: PrivateKey
  listen: string[]
  bootstrap: string[]
  /** many nodes on one host: relax per-host rate limits for loopback */
  maxConnections?: number
  /**
   * A LevelDB directory for libp2p's own state (peer store, DHT records), kept
   * apart from the node's database (LevelDB locks a directory): partners'
   * addresses survive a restart, so a node can reach them before the DHT has
   * warmed up again.
   */
  datastorePath?: string
}

export type SortliftHost = Libp2p<{
  identify: ReturnType<ReturnType<typeof identify>>
  ping: ReturnType<ReturnType<typeof ping>>
  dht: ReturnType<ReturnType<typeof kadDHT>>
  pubsub: ReturnType<ReturnType<typeof gossipsub>>
}>

export async function createHost (opts: HostOptions): Promise<SortliftHost> {
  const peerDiscovery: Array<(components: any) => PeerDiscovery> = []
  if (opts.bootstrap.length > 0) {
    peerDiscovery.push(bootstrap({ list: opts.bootstrap, timeout: 100 }))
  }
  let datastore: LevelDatastore | undefined
  if (opts.datastorePath != null) {
    datastore = new LevelDatastore(opts.datastorePath)
    await datastore.open()
  }
  let host: SortliftHost
  try {
    host = await createLibp2p({
      ...(datastore != null ? { datastore } : {}),
      privateKey: opts.privateKey,
      addresses: { listen: opts.listen },
      transports: [tcp()],
      connectionEncrypters: [noise()],
      streamMuxers: [yamux()],
      peerDiscovery,
      connectionManager: {
        maxConnections: opts.maxConnections ?? 300,
        // A devnet puts every node on 127.0.0.1; without this the default of
        // 5 inbound connections per second per host refuses most of them.
        inboundConnectionThreshold: 100,
        maxIncomingPendingConnections: 50,
        allow: ['/ip4/127.0.0.0/ipcidr/8']
      },
      services: {
        identify: identify(),
        // libp2p's connection monitor pings every connection every 10 s and
        // aborts the connection if the ping fails; with @libp2p/ping's limit
        // of one outbound ping stream, a ping still open (the DHT's, or the
        // last one on a busy node) made the next one fail and the connection
        // (every tally stream on it) was dropped.
        ping: ping({ maxOutboundStreams: 8, maxInboundStreams: 8 }),
        dht: kadDHT({
          protocol: DHT_PROTOCOL,
          // Server mode from the start: private networks never flip auto mode.
          clientMode: false,
          // Keep loopback/private addresses; the default mapper drops them.
          peerInfoMapper: passthroughMapper,
          allowQueryWithZeroPeers: true
        }),
        pubsub: gossipsub({
          allowPublishToZeroTopicPeers: true,
          emitSelf: false,
          // Topic owners validate every message and report the verdict
          // (src/net/gossip.ts); nothing is forwarded before that.
          asyncValidation: true,
          // Content-derived ids: the same payload is one message whoever sends it.
          msgIdFn: (msg) => sha256(msg.data),
          scoreParams: { topics: { [BEACON_TOPIC]: VALIDATED_TOPIC_SCORE, [ORACLE_TOPIC]: VALIDATED_TOPIC_SCORE, [EVIDENCE_TOPIC]: VALIDATED_TOPIC_SCORE, [EVIDENCE_ANSWER_TOPIC]: VALIDATED_TOPIC_SCORE } }
        })
      }
    }) as unknown as SortliftHost
  } catch (err) {
    await datastore?.close()
    throw err
  }
  if (datastore != null) {
    const ds = datastore
    // libp2p does not close a datastore it was given
    host.addEventListener('stop', () => { void ds.close().catch(() => {}) }, { once: true })
  }
  return host
}

export type { ComponentLogger }
