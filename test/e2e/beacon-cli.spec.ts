// The beacon and oracle commands through the CLI entry, as a user runs them:
// `beacon verify` offline against the pinned quicknet rounds and forgeries,
// then a beacon-role node process driven by `beacon show|info` and `oracle`.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { tempDir, cleanupDirs, waitFor } from '../helpers/nodes.js'
import { cli, ok, startCliNode } from '../helpers/cli.js'
import type { CliNode } from '../helpers/cli.js'

const pinned = JSON.parse(readFileSync(join(process.cwd(), 'test', 'vectors', 'beacon.json'), 'utf8'))
const QUICKNET_HASH = '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971'

describe('CLI: beacon verify (offline)', function () {
  this.timeout(120_000)
  let dir: string
  let localFile: string

  before(async () => {
    dir = await tempDir() // never created: verify needs no data directory
    localFile = join(await tempDir(), 'local-network.json')
    await writeFile(localFile, JSON.stringify(pinned.local.network))
  })
  after(async () => { await cleanupDirs() })

  const verify = async (...args: string[]): ReturnType<typeof cli> => await cli(join(dir, 'none'), 'beacon', 'verify', ...args)

  for (const g of pinned.genuine) {
    it(`genuine quicknet round ${g.round} prints its randomness`, async () => {
      const human = await verify('--network', 'quicknet', '--round', g.round, '--signature', g.signature)
      assert.equal(human.code, 0, human.stderr)
      assert.match(human.stdout, new RegExp(`^randomness: ${g.randomness}$`, 'm'))
      assert.equal(human.stderr, '')
      const json = await verify('--network', 'quicknet', '--round', g.round, '--signature', g.signature, '--json')
      assert.equal(json.code, 0)
      assert.deepEqual(json.json, { randomness: g.randomness, round: g.round, network: 'quicknet', chainHash: QUICKNET_HASH })
    })
  }

  it('the local beacon vectors verify against a network description file', async () => {
    const r = pinned.local.rounds[2]
    const out = await verify('--network', localFile, '--round', r.round, '--signature', r.signature, '--json')
    assert.equal(out.code, 0, out.stderr)
    assert.equal(out.json.randomness, r.randomness)
    assert.equal(out.json.chainHash, pinned.local.network.chainHash)
  })

  it('every pinned forgery fails with one line on stderr naming its code, and exit 1', async () => {
    const results = await Promise.all(pinned.rejections.map(async (v: any) =>
      [v, await verify('--network', v.network === 'local' ? localFile : v.network, '--round', v.round, '--signature', v.signature, '--json')] as const))
    for (const [v, out] of results) {
      assert.equal(out.code, 1, `${v.name}: exit ${out.code}`)
      assert.equal(out.stdout, '', v.name)
      const lines = out.stderr.trim().split('\n')
      assert.equal(lines.length, 1, `${v.name}: ${out.stderr}`)
      assert.match(lines[0], new RegExp(`^sortlift: error: ${v.code}: `), v.name)
    }
  })

  it('bad networks and rounds are typed errors; missing options are usage errors (exit 2)', async () => {
    const g = pinned.genuine[0]
    const unknown = await verify('--network', 'nosuchnet', '--round', g.round, '--signature', g.signature)
    assert.equal(unknown.code, 1)
    assert.match(unknown.stderr, /^sortlift: error: BAD_NETWORK: unknown beacon network "nosuchnet"/)
    const tampered = join(dir + '-t.json')
    await writeFile(tampered, JSON.stringify({ ...pinned.local.network, period: 4 }))
    const bad = await verify('--network', tampered, '--round', g.round, '--signature', g.signature)
    assert.equal(bad.code, 1)
    assert.match(bad.stderr, /^sortlift: error: BAD_NETWORK: beacon chain hash .* does not match/)
    const word = await verify('--round', 'ten', '--signature', g.signature)
    assert.equal(word.code, 1)
    assert.match(word.stderr, /^sortlift: error: ROUND_OUT_OF_RANGE: /)
    const missing = await verify('--round', g.round)
    assert.equal(missing.code, 2)
    assert.match(missing.stderr, /--signature is required/)
  })
})

describe('CLI: a beacon-role node process', function () {
  this.timeout(120_000)
  let dir: string
  let node: CliNode | undefined

  before(async () => { dir = await tempDir() })
  after(async () => {
    await node?.stop()
    await cleanupDirs()
  })

  it('publishes rounds that `beacon show` reports and `beacon verify` accepts offline; the key is kept 0600 across restarts', async () => {
    node = await startCliNode(dir, '--beacon-role')
    const info = await ok(dir, 'beacon', 'info')
    assert.equal(info.role, true)
    assert.equal(info.network.beaconId, 'sortlift-devnet')
    assert.equal(info.network.period, 1)
    assert.equal((await stat(join(dir, 'beacon.key'))).mode & 0o777, 0o600)
    const first = await ok(dir, 'beacon', 'show')
    await waitFor(async () => BigInt((await ok(dir, 'beacon', 'show')).round) > BigInt(first.round), 'a second round', 10_000)
    const byRound = await ok(dir, 'beacon', 'show', '--round', first.round)
    assert.deepEqual(byRound, first)
    const netFile = join(dir, 'network.json')
    await writeFile(netFile, JSON.stringify(info.network))
    const checked = await ok(dir, 'beacon', 'verify', '--network', netFile, '--round', first.round, '--signature', first.signature)
    assert.equal(checked.randomness, first.randomness)
    const none = await cli(dir, 'beacon', 'show', '--round', '1000000000')
    assert.equal(none.code, 1)
    assert.match(none.stderr, /UNKNOWN_ROUND/)
    await node.stop()
    node = await startCliNode(dir)
    assert.equal((await ok(dir, 'beacon', 'info')).network, undefined, 'without the role and without beacon.network it follows nothing')
    await node.stop()
    node = await startCliNode(dir, '--beacon-role')
    assert.equal((await ok(dir, 'beacon', 'info')).network.chainHash, info.network.chainHash, 'same key and genesis after a restart')
  })

  it('oracle attest signs with a hosted user and oracle list shows it', async () => {
    const user = await ok(dir, 'user', 'add', 'ora')
    const made = await ok(dir, 'oracle', 'attest', '--user', 'ora', '--question', 'Q1', '--outcome', 'yes')
    assert.equal(made.oracle, user.publicKey)
    assert.equal(made.signature.length, 128)
    await ok(dir, 'oracle', 'attest', '--user', 'ora', '--question', 'Q2', '--outcome', 'no')
    assert.equal((await ok(dir, 'oracle', 'list')).length, 2)
    const q1 = await ok(dir, 'oracle', 'list', '--question', 'Q1')
    assert.deepEqual(q1.map((a: any) => a.outcome), ['yes'])
    const nobody = await cli(dir, 'oracle', 'attest', '--user', 'nobody', '--question', 'Q', '--outcome', 'x')
    assert.equal(nobody.code, 1)
    assert.match(nobody.stderr, /UNKNOWN_USER/)
  })
})
