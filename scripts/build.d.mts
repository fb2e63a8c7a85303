// Types of scripts/build.mjs for the TypeScript that imports it (bench/scale).
export declare const root: string
export declare const entry: string
export declare function stale(dir?: string): boolean
export declare function build(entries?: string[], outdir?: string): Promise<string[]>
