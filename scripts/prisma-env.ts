// Prisma 6.19 runs here with its JS engines only. Its CLI still checks that the
// native engine paths exist, so point them at a file that does (never downloaded).
import { fileURLToPath } from "node:url";

const anyExistingFile = fileURLToPath(import.meta.url);

export function prismaEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? anyExistingFile,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? anyExistingFile,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  };
}
