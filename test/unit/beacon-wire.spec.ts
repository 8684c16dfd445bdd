// The /sortlift/beacon/1 payload: pinned bytes and message id, strict decoding.
import assert from 'node:assert/strict'
import { encodeBeaconRound, decodeBeaconRound } from '../../src/beacon/wire.js'
import { fromHex, toHex } from '../../src/crypto/bytes.js'
import { sha256 } from '../../src/crypto/hash.js'

const CHAIN = '055e0d8a16c7ea37cbb1015c46dbacad175b588c5dccd051f4fcddaf648b6d7c'
const SIG = '88c4f2be39d260f6c6a0336a880b88b59ff9aa8e6073c7cc15cfa63c0540cc22d8ade07ee5d72da9562599770e3fda68'
const BYTES = '00000018736f72746c6966742f76312f626561636f6e2d726f756e64' + '00000020' + CHAIN + '0000000000000001' + '00000030' + SIG

describe('beacon gossip payload', () => {
  it('encodes the local vector round 1 to the pinned bytes and message id', () => {
    const b = encodeBeaconRound({ chainHash: CHAIN, round: 1n, signature: fromHex(SIG) })
    assert.equal(toHex(b), BYTES)
    assert.equal(toHex(sha256(b)), '34675a0fd7ae0a0330c6320ece6d89b6011148bd05305ed3f116be46a01c0993')
    const m = decodeBeaconRound(b)
    assert.equal(m.chainHash, CHAIN)
    assert.equal(m.round, 1n)
    assert.equal(toHex(m.signature), SIG)
  })

  it('round trips the largest round', () => {
    const m = decodeBeaconRound(encodeBeaconRound({ chainHash: CHAIN, round: (1n << 64n) - 1n, signature: fromHex(SIG) }))
    assert.equal(m.round, (1n << 64n) - 1n)
  })

  it('refuses trailing bytes, truncation, wrong lengths and a wrong tag', () => {
    const good = fromHex(BYTES)
    assert.throws(() => decodeBeaconRound(Uint8Array.from([...good, 0])), /trailing/)
    assert.throws(() => decodeBeaconRound(good.subarray(0, good.length - 1)))
    assert.throws(() => decodeBeaconRound(fromHex(BYTES.replace('00000030' + SIG, '0000002f' + SIG.slice(0, -2)))), /48 bytes/)
    assert.throws(() => decodeBeaconRound(fromHex(BYTES.replace('00000020' + CHAIN, '0000001f' + CHAIN.slice(0, -2)))), /32 bytes/)
    assert.throws(() => decodeBeaconRound(fromHex(BYTES.replace('726f756e64', '726f756e65'))), /tag/)
    assert.throws(() => decodeBeaconRound(new Uint8Array(300)), /exceeds/)
  })
})
