// Every credential file of a new key, handed to the tool it is named after (installed by
// scripts/install.sh test): AWS CLI v2 (Debian's awscli) imports the .csv with the command the reveal
// shows, AWS CLI v1 and v2 and boto3 read the .env and the profile, s3cmd dumps its .s3cfg, rclone its
// remote. The tools run with a scratch HOME and their config-location flags or variables, so nothing
// of this machine's own configuration is read or written; no S3 endpoint is reachable here and none
// is asked. A secret read back by a tool is compared, never printed (failures mask it).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Download } from "@playwright/test";
import { test, expect, createInDrawer, openConsole, showSecret, closeReveal } from "./helpers";

const ROOT = path.resolve(__dirname, "../..");
const VENV = path.join(ROOT, "target/tools/venv/bin");
const AWS_V2 = "/usr/bin/aws";
const AWS_V1 = path.join(VENV, "aws");
const PYTHON = path.join(VENV, "python");
const S3CMD = path.join(VENV, "s3cmd");
const RCLONE = "/usr/bin/rclone";

const ENDPOINT = "https://innoida.utho.io";
const REGION = "innoida";

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

/**
 * Runs a tool in `cwd` (its HOME too) with only the variables given and PATH. `out` and `said` (the
 * command, its exit code and output, for a failure's message) never show the secret, its hash or
 * the last four characters the AWS CLI shows of it; `raw` is the output as it came.
 */
function runner(cwd: string, secret: string) {
  const mask = (s: string | null) =>
    (s ?? "")
      .split(secret).join("<secret>")
      .split(sha(secret)).join("<sha-256 of the secret>")
      .split(`*${secret.slice(-4)}`).join("*<masked>")
      .split(cwd + "/").join("");
  return (cmd: string, args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(cmd, args, {
      cwd,
      encoding: "utf8",
      timeout: 60_000,
      env: { PATH: `${VENV}:/usr/bin:/bin`, HOME: cwd, LANG: "C.UTF-8", AWS_EC2_METADATA_DISABLED: "true", ...env },
    });
    const out = mask(r.stdout).trim();
    const words = [cmd, ...args].map((a) => (a === BOTO3_READS ? "<what boto3 reads>" : mask(a))).join(" ");
    const said = `${words} → exit ${r.status}\n${out}\n${mask(r.stderr).trim()}`;
    return { ok: r.status === 0, out, raw: r.stdout ?? "", said };
  };
}

/** Python that prints what boto3 made of its environment or a profile: region, endpoint, key (the secret as its hash). */
const BOTO3_READS = `
import boto3, hashlib, json, sys
s = boto3.Session(profile_name=sys.argv[1] if len(sys.argv) > 1 else None)
c = s.client("s3")
k = s.get_credentials().get_frozen_credentials()
print(json.dumps({
    "region": c.meta.region_name,
    "endpoint": c.meta.endpoint_url,
    "addressing_style": (c.meta.config.s3 or {}).get("addressing_style"),
    "access_key": k.access_key,
    "secret_sha256": hashlib.sha256(k.secret_key.encode()).hexdigest(),
    "credentials_from": s.get_credentials().method,
}))
`;

test("each downloaded file works in its tool: aws configure import, aws and boto3, s3cmd, rclone", async ({ page }, info) => {
  test.setTimeout(120_000);
  await openConsole(page);
  const { name, accessId, d } = await createInDrawer(page, "e2e-tools");
  const secret = await showSecret(d);

  const dir = info.outputPath("downloads");
  mkdirSync(dir, { recursive: true });
  const run = runner(dir, secret);
  const save = async (button: RegExp) => {
    const [dl]: [Download, void] = await Promise.all([page.waitForEvent("download"), d.getByRole("button", { name: button }).click()]);
    const file = path.join(dir, dl.suggestedFilename());
    await dl.saveAs(file);
    return file;
  };

  try {
    const csv = await save(/^Download \.csv/);
    // What the reveal says to do with the .csv, run as shown, where the file was saved.
    const csvStep = d.getByTestId("next-step-csv");
    const importCommand = `aws configure import --csv file://${path.basename(csv)}`;
    await expect.soft(csvStep, "the reveal says how to import the .csv").toHaveText(importCommand);
    const shown = (await csvStep.count()) ? await csvStep.innerText() : importCommand;
    await d.getByRole("button", { name: "More formats", exact: true }).click();
    const env = await save(/^Download \.env$/);
    const profile = await save(/^Download AWS CLI profile$/);
    const s3cfg = await save(/^Download s3cmd \.s3cfg$/);
    const rclone = await save(/^Download rclone remote$/);
    // mc cannot be installed here: the reveal says how it learns the region (its alias file has none).
    await expect.soft(d.getByTestId("next-step-mc-region"), "the reveal says how mc learns the region").toHaveText(
      `export MC_REGION=${REGION}`,
    );
    await closeReveal(d);

    // 1. The .csv: AWS CLI v2 imports it as a profile named after the key (v1 has no `configure import`).
    const aws2Files = { AWS_CONFIG_FILE: path.join(dir, "csv-config"), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "csv-credentials") };
    const [, ...importArgs] = shown.trim().split(/\s+/);
    const imported = run(AWS_V2, importArgs, aws2Files);
    expect.soft(imported.ok && imported.out, imported.said).toBe("Successfully imported 1 profile(s)");
    const importedId = run(AWS_V2, ["configure", "get", "aws_access_key_id", "--profile", name], aws2Files);
    expect.soft(importedId.out, `the imported profile "${name}": ${importedId.said}`).toBe(accessId);
    const importedSecret = run(AWS_V2, ["configure", "get", "aws_secret_access_key", "--profile", name], aws2Files);
    expect.soft(sha(importedSecret.raw.trim()) === sha(secret), "the imported profile holds the key's secret").toBe(true);

    // 2. The .env, loaded as a shell loads it (`set -a; . file`), and nothing else in the environment.
    const withEnv = (cmd: string, ...args: string[]) =>
      run("/bin/bash", ["-c", 'set -a; . "$1"; set +a; shift; exec "$@"', "-", env, cmd, ...args]);
    const botoEnv = withEnv(PYTHON, "-c", BOTO3_READS);
    const fromEnv = botoEnv.ok ? JSON.parse(botoEnv.raw) : {};
    expect.soft({ ...fromEnv, secret_sha256: undefined }, `boto3 with the .env: ${botoEnv.said}`).toEqual({
      region: REGION,
      endpoint: ENDPOINT,
      addressing_style: null,
      access_key: accessId,
      secret_sha256: undefined,
      credentials_from: "env",
    });
    expect.soft(fromEnv.secret_sha256 === sha(secret), "boto3 read the key's secret from the .env").toBe(true);
    for (const [cli, aws] of [["AWS CLI v1", AWS_V1], ["AWS CLI v2", AWS_V2]]) {
      const list = withEnv(aws, "configure", "list");
      const region = list.out.match(/^\s*region\s+(\S+)\s+(\S+)/m);
      const key = list.out.match(/^\s*access_key\s+\*+(\S{4})\s+env/m);
      expect.soft(region?.[1], `${cli} with the .env: ${list.said}`).toBe(REGION);
      expect.soft(key?.[1], `${cli} takes the key from the .env: ${list.said}`).toBe(accessId.slice(-4));
    }

    // 3. The AWS CLI profile: its two parts where it says they go (the credentials file, the config file).
    const text = readFileSync(profile, "utf8");
    const at = text.indexOf("# Add to ~/.aws/config");
    expect(at, "the profile file has a part for ~/.aws/config").toBeGreaterThan(0);
    const awsFiles = { AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "credentials"), AWS_CONFIG_FILE: path.join(dir, "config") };
    writeFileSync(awsFiles.AWS_SHARED_CREDENTIALS_FILE, text.slice(0, at), { mode: 0o600 });
    writeFileSync(awsFiles.AWS_CONFIG_FILE, text.slice(at));
    for (const [cli, aws] of [["AWS CLI v1", AWS_V1], ["AWS CLI v2", AWS_V2]]) {
      const get = (key: string) => run(aws, ["configure", "get", key, "--profile", name], awsFiles);
      for (const [key, want] of [
        ["region", REGION],
        ["endpoint_url", ENDPOINT],
        ["s3.addressing_style", "path"],
        ["aws_access_key_id", accessId],
      ]) {
        const got = get(key);
        expect.soft(got.out, `${cli}: ${got.said}`).toBe(want);
      }
    }
    const botoProfile = run(PYTHON, ["-c", BOTO3_READS, name], awsFiles);
    const fromProfile = botoProfile.ok ? JSON.parse(botoProfile.raw) : {};
    expect.soft({ ...fromProfile, secret_sha256: undefined }, `boto3 with the profile: ${botoProfile.said}`).toEqual({
      region: REGION,
      endpoint: ENDPOINT,
      addressing_style: "path",
      access_key: accessId,
      secret_sha256: undefined,
      credentials_from: "shared-credentials-file",
    });
    expect.soft(fromProfile.secret_sha256 === sha(secret), "boto3 read the key's secret from the profile").toBe(true);

    // 4. s3cmd, with the file as its config (`-c`), as the file's first line says.
    const dump = run(S3CMD, ["-c", s3cfg, "--dump-config"]);
    const s3 = Object.fromEntries(
      dump.raw.split("\n").map((l) => l.match(/^(\w+) = (.*)$/)).filter((m) => m).map((m) => [m![1], m![2]]),
    );
    expect.soft(dump.ok, dump.said).toBe(true);
    expect.soft(
      {
        access_key: s3.access_key,
        host_base: s3.host_base,
        host_bucket: s3.host_bucket,
        bucket_location: s3.bucket_location,
        use_https: s3.use_https,
        signature_v2: s3.signature_v2,
      },
      "s3cmd --dump-config",
    ).toEqual({
      access_key: accessId,
      host_base: new URL(ENDPOINT).host,
      host_bucket: new URL(ENDPOINT).host,
      bucket_location: REGION,
      use_https: "True",
      signature_v2: "False",
    });
    expect.soft(sha(s3.secret_key ?? "") === sha(secret), "s3cmd read the key's secret").toBe(true);

    // 5. rclone, with the file as its config (`--config`).
    const conf = path.join(dir, "rclone.conf");
    copyFileSync(rclone, conf);
    const rc = run(RCLONE, ["--config", conf, "config", "dump"]);
    const remote = rc.ok ? (JSON.parse(rc.raw)[name] ?? {}) : {};
    expect.soft({ ...remote, secret_access_key: undefined }, `rclone config dump: ${rc.said}`).toEqual({
      type: "s3",
      provider: "Other",
      access_key_id: accessId,
      secret_access_key: undefined,
      endpoint: ENDPOINT,
      region: REGION,
      force_path_style: "true",
    });
    expect.soft(sha(remote.secret_access_key ?? "") === sha(secret), "rclone read the key's secret").toBe(true);
  } finally {
    // The files hold a secret: nothing of them stays behind.
    rmSync(dir, { recursive: true, force: true });
  }
});
