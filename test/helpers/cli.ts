// Drives the real CLI as child processes, as a node runner would.
import { spawn, execFile } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { join } from 'node:path'

export const CLI = join(process.cwd(), 'dist', 'src', 'cli', 'main.js')

export interface CliResult { code: number, stdout: string, stderr: string, json: any }

export async function cli (data: string, ...args: string[]): Promise<CliResult> {
  return await new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args, '--data', data], { timeout: 60_000 }, (err: any, stdout, stderr) => {
      let json: any
      try { json = JSON.parse(stdout) } catch { json = undefined }
      resolve({ code: err == null ? 0 : (typeof err.code === 'number' ? err.code : 1), stdout, stderr, json })
    })
  })
}

/** Like `cli` but fails the test with the CLI's own error line. */
export async function ok (data: string, ...args: string[]): Promise<any> {
  const r = await cli(data, ...args, '--json')
  if (r.code !== 0) throw new Error(`sortlift ${args.join(' ')} failed (${r.code}): ${r.stderr.trim()}`)
  return r.json
}

export interface CliNode {
  proc: ChildProcess
  info: { peerId: string, addresses: string[], api: string }
  stop: () => Promise<number | null>
}

export async function startCliNode (data: string, ...args: string[]): Promise<CliNode> {
  const proc = spawn(process.execPath, [CLI, 'start', '--data', data, '--listen', '/ip4/127.0.0.1/tcp/0', '--api-port', '0', '--json', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  proc.stderr!.on('data', (d) => { stderr += d })
  const info = await new Promise<CliNode['info']>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node did not start in time: ${stderr}`)), 20_000)
    proc.once('exit', (code) => { clearTimeout(timer); reject(new Error(`node exited (${code}): ${stderr}`)) })
    createInterface({ input: proc.stdout! }).once('line', (line) => {
      clearTimeout(timer)
      try { resolve(JSON.parse(line)) } catch { reject(new Error(`unexpected startup line: ${line}`)) }
    })
  })
  const stop = async (): Promise<number | null> => {
    if (proc.exitCode != null) return proc.exitCode
    const exited = new Promise<number | null>(resolve => proc.once('exit', (code) => resolve(code)))
    proc.kill('SIGTERM')
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000)
    const code = await exited
    clearTimeout(timer)
    return code
  }
  return { proc, info, stop }
}
