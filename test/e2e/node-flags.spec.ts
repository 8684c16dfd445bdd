import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { NODE_V8_FLAGS } from '../../src/node/tuning.js'
import { tempDir, cleanupDirs } from '../helpers/nodes.js'

const root = process.cwd()

describe('V8 flags of node processes', function () {
  this.timeout(30_000)
  after(cleanupDirs)

  it('bin/sortlift.js, npm start and npm run bench pass every flag of NODE_V8_FLAGS', async () => {
    const shebang = (await readFile(join(root, 'bin', 'sortlift.js'), 'utf8')).split('\n')[0]
    const scripts = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')).scripts
    assert.ok(NODE_V8_FLAGS.length > 0)
    for (const flag of NODE_V8_FLAGS) {
      assert.ok(shebang.split(' ').includes(flag), `${flag} in ${shebang}`)
      assert.ok(scripts.start.split(' ').includes(flag), `${flag} in npm start: ${scripts.start}`)
      assert.ok(scripts.bench.split(' ').includes(flag), `${flag} in npm run bench: ${scripts.bench}`)
    }
  })

  it('a node started through bin/sortlift.js runs with them', async function () {
    if (process.platform !== 'linux') this.skip() // reads /proc
    const data = await tempDir()
    // The shebang finds `node` on the PATH: this Node, as npm scripts arrange.
    const env = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` }
    const proc = spawn(join(root, 'bin', 'sortlift.js'), ['start', '--data', data, '--listen', '/ip4/127.0.0.1/tcp/0', '--api-port', '0', '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    const exited = new Promise<number | null>(resolve => proc.once('exit', resolve))
    try {
      let out = ''
      let err = ''
      proc.stderr.on('data', (c: Buffer) => { err += c.toString() })
      await new Promise<void>((resolve, reject) => {
        proc.stdout.on('data', (c: Buffer) => {
          out += c.toString()
          if (out.includes('\n')) resolve()
        })
        void exited.then(code => { reject(new Error(`exited with ${String(code)} before starting: ${err}`)) })
      })
      assert.ok(JSON.parse(out.split('\n')[0]).peerId != null)
      const argv = (await readFile(`/proc/${proc.pid as number}/cmdline`, 'utf8')).split('\0')
      for (const flag of NODE_V8_FLAGS) assert.ok(argv.includes(flag), `${flag} in ${argv.join(' ')}`)
    } finally {
      proc.kill('SIGTERM')
      assert.equal(await exited, 0)
    }
  })
})
