// Client for the control API, used by the CLI, the devnet and the tests.
import { DataDir } from '../node/datadir.js'

export class ApiClientError extends Error {
  constructor (readonly status: number, readonly code: string, message: string) {
    super(message)
    this.name = 'ApiClientError'
  }
}

export class ApiClient {
  constructor (readonly url: string, private readonly token: string) {}

  static async fromDataDir (path: string): Promise<ApiClient> {
    const dir = new DataDir(path)
    const loc = await dir.readApi()
    if (loc == null) throw new ApiClientError(0, 'NOT_RUNNING', `no node is running on ${dir.path} (start one with: sortlift start --data ${path})`)
    return new ApiClient(loc.url, await dir.token())
  }

  async get<T = any> (path: string): Promise<T> {
    return await this.call<T>('GET', path)
  }

  async post<T = any> (path: string, body: unknown = {}): Promise<T> {
    return await this.call<T>('POST', path, body)
  }

  private async call<T> (method: string, path: string, body?: unknown): Promise<T> {
    let res: Response
    try {
      res = await fetch(this.url + path, {
        method,
        headers: { authorization: `Bearer ${this.token}`, ...(body != null ? { 'content-type': 'application/json' } : {}) },
        body: body != null ? JSON.stringify(body, (_k, v) => typeof v === 'bigint' ? v.toString() : v) : undefined,
        signal: AbortSignal.timeout(60_000)
      })
    } catch (err: any) {
      throw new ApiClientError(0, 'NOT_RUNNING', `cannot reach the node's API at ${this.url}: ${err.cause?.code ?? err.message}`)
    }
    const text = await res.text()
    let json: any
    try {
      json = JSON.parse(text)
    } catch {
      throw new ApiClientError(res.status, 'BAD_RESPONSE', `unexpected API response (${res.status})`)
    }
    if (!res.ok) throw new ApiClientError(res.status, json?.error?.code ?? 'ERROR', json?.error?.message ?? `HTTP ${res.status}`)
    return json as T
  }
}
