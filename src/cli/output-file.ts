// Files a command writes (a dump, a run file): the target is checked before any work, and the data is
// written beside it under a temporary name and renamed into place at the end, so a command that fails
// leaves neither a partial file nor, when the target cannot be written, a long run for nothing.
import { accessSync, constants, renameSync, rmSync, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { CliError } from './context.ts';

/** EX_CANTCREAT: the output file cannot be created. */
const CANNOT_CREATE = 73;

/** What is at a path, or nothing (also when a part of the path is a file, not a folder). */
function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Refuses a target that cannot be written: a directory, or a folder that is missing or read-only. */
export function checkOutput(command: string, target: string): void {
  if (statOf(target)?.isDirectory()) {
    throw new CliError(`${command}: ${target} is a directory; name a file to write`, CANNOT_CREATE);
  }
  const folder = dirname(target);
  if (!statOf(folder)?.isDirectory()) {
    throw new CliError(`${command}: cannot write ${target}: there is no folder ${folder}`, CANNOT_CREATE);
  }
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new CliError(`${command}: cannot write ${target}: the folder ${folder} is not writable`, CANNOT_CREATE);
  }
}

/** Where the data goes until it is complete: beside the target, so the rename is atomic. */
export function partialPath(target: string): string {
  return `${target}.partial-${process.pid}`;
}

/** Puts the complete file in place; on failure the partial file is removed and the reason given in one line. */
export function moveIntoPlace(command: string, partial: string, target: string): void {
  try {
    renameSync(partial, target);
  } catch (e) {
    rmSync(partial, { force: true });
    throw new CliError(`${command}: cannot write ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, CANNOT_CREATE);
  }
}

/** One line for a write that failed part-way (disk full, …), naming the target rather than the partial file. */
export function cannotWrite(command: string, target: string, e: unknown): CliError {
  return new CliError(`${command}: cannot write ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, CANNOT_CREATE);
}
