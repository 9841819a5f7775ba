import { join } from 'node:path';
import { errorCode, type FsPort } from './fsPort';

/**
 * Removes a folder and everything in it through the port: the files of each
 * folder, then the folder itself, deepest first. Nothing at `dir` is not an error.
 * Used for folders the app made itself and no longer wants (a half-written
 * import, the command line's throwaway sample book), never for the user's book.
 */
export async function removeTree(fs: FsPort, dir: string): Promise<void> {
  const stat = await fs.stat(dir);
  if (stat === null) return;
  if (!stat.isDirectory) {
    await fs.unlink(dir);
    return;
  }
  for (const name of await fs.readdir(dir)) await removeTree(fs, join(dir, name));
  try {
    await fs.rmdir(dir);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
}
