// The connection between two nodes survives overlapping pings. libp2p's
// connection monitor aborts a connection whose ping fails; with one outbound
// ping stream allowed, a second ping while one was open failed, and every
// tally stream on the connection died with it (seen under load).
import assert from 'node:assert/strict'
import { peerIdFromString } from '@libp2p/peer-id'
import type { SortliftNode } from '../../src/node/node.js'
import { startNode, connect, cleanupDirs } from '../helpers/nodes.js'

describe('connections between nodes', function () {
  let a: SortliftNode, b: SortliftNode
  after(async () => {
    await a?.stop().catch(() => {})
    await b?.stop().catch(() => {})
    await cleanupDirs()
  })

  it('several pings at once over one connection all succeed, and the connection stays', async () => {
    [a, b] = [await startNode(), await startNode()]
    await connect(a, b)
    const peer = peerIdFromString(b.peerId)
    const before = a.host.getConnections(peer).map(c => c.id)
    assert.ok(before.length > 0)
    const rtts = await Promise.all(Array.from({ length: 4 }, async () => await a.host.services.ping.ping(peer)))
    assert.equal(rtts.length, 4)
    for (const rtt of rtts) assert.ok(rtt >= 0)
    const after = a.host.getConnections(peer).map(c => c.id)
    for (const id of before) assert.ok(after.includes(id), 'the connection that carried the pings is still open')
    // and it still carries requests
    const res = await a.tallyNet.request(b.peerId, { fetchEntries: { tallyId: new Uint8Array(16), fromIndex: 0n } })
    assert.ok(res != null)
  })
})
