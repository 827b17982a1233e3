// `make screenshot`: the README's pictures, made on purpose (never by `make test`).
import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

export default defineConfig({ ...base, testDir: "./screenshots" });
