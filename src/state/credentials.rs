//! Ready-to-use credential files for a new key, made in the browser: a CSV that
//! `aws configure import --csv` takes, a `.env`, an AWS CLI profile, an rclone remote, an s3cmd
//! config and a MinIO client alias file (imported with `mc alias import`, so the secret never goes on
//! a command line or into shell history), and the steps the reveal shows beside them. The endpoint
//! and region come from the data centre (data, not literals). Pure functions.
//! `tests/e2e/credential-tools.spec.ts` hands each file to its tool.

use keys_api::wire::quote;
use keys_api::DataCentre;

/// What a credential file is made from.
#[derive(Clone, Copy)]
pub struct Creds<'a> {
    pub name: &'a str,
    pub access_key: &'a str,
    pub secret_key: &'a str,
    pub dc: &'a DataCentre,
}

/// Never prints the secret.
impl std::fmt::Debug for Creds<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Creds")
            .field("name", &self.name)
            .field("access_key", &self.access_key)
            .field("secret_key", &"<redacted>")
            .field("dc", &self.dc.slug)
            .finish()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Env,
    AwsCli,
    Rclone,
    S3cmd,
    Mc,
}

impl Format {
    pub const ALL: [Format; 6] = [Format::Csv, Format::Env, Format::AwsCli, Format::Rclone, Format::S3cmd, Format::Mc];

    /// The button's words.
    pub fn label(self) -> &'static str {
        match self {
            Format::Csv => ".csv (AWS CLI import)",
            Format::Env => ".env",
            Format::AwsCli => "AWS CLI profile",
            Format::Rclone => "rclone remote",
            Format::S3cmd => "s3cmd .s3cfg",
            Format::Mc => "MinIO client (mc)",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Csv => "text/csv",
            Format::Mc => "application/json",
            _ => "text/plain",
        }
    }

    /// The file name, carrying the key's name.
    pub fn file_name(self, key_name: &str) -> String {
        let stem = file_stem(key_name);
        match self {
            Format::Csv => format!("{stem}_accessKeys.csv"),
            Format::Env => format!("{stem}.env"),
            Format::AwsCli => format!("{stem}-aws-cli-profile.txt"),
            Format::Rclone => format!("{stem}-rclone.conf"),
            Format::S3cmd => format!("{stem}.s3cfg"),
            Format::Mc => format!("{stem}-mc-alias.json"),
        }
    }

    pub fn render(self, c: &Creds) -> String {
        match self {
            Format::Csv => csv(c),
            Format::Env => env(c),
            Format::AwsCli => aws_cli(c),
            Format::Rclone => rclone(c),
            Format::S3cmd => s3cmd(c),
            Format::Mc => mc(c),
        }
    }
}

/// Something to run once a file is downloaded, shown beside its button: what it does, then the
/// command (with a copy button). A command never holds the secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Names the step for tests (`next-step-<id>`).
    pub id: &'static str,
    /// What the command does, said before it.
    pub text: String,
    pub command: String,
    /// What the copy button copies ("Copy <what>").
    pub what: &'static str,
}

impl Format {
    /// What to run after downloading, when the file is not used as it is.
    pub fn next_steps(self, key_name: &str, dc: &DataCentre) -> Vec<Step> {
        let profile = section_name(key_name);
        let file = self.file_name(key_name);
        match self {
            Format::Csv => vec![Step {
                id: "csv",
                text: format!("For the AWS CLI (v2): import it as the profile {profile} with"),
                command: format!("aws configure import --csv {}", shell_quote(&format!("file://{file}"))),
                what: "import command",
            }],
            Format::Mc => vec![
                Step {
                    id: "mc",
                    text: "Import it into mc with".into(),
                    command: format!("mc alias import {} {}", shell_quote(&profile), shell_quote(&file)),
                    what: "mc import command",
                },
                // mc's alias has no region: mc takes one from MC_REGION (or AWS_REGION), else it
                // asks each bucket for its location and signs other calls for us-east-1.
                Step {
                    id: "mc-region",
                    text:
                        "An mc alias holds no region: mc reads it from MC_REGION (or AWS_REGION). Before using mc, run"
                            .into(),
                    command: format!("export MC_REGION={}", shell_quote(&dc.region)),
                    what: "region command",
                },
            ],
            _ => Vec::new(),
        }
    }
}

/// A file-name-safe form of the key's name.
pub fn file_stem(name: &str) -> String {
    let s: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || "-_.".contains(c) { c } else { '_' }).collect();
    let s = s.trim_start_matches('.').to_string();
    if s.is_empty() {
        "access-key".into()
    } else {
        s
    }
}

/// A name usable as an INI section or profile name (no brackets, spaces or newlines).
pub fn section_name(name: &str) -> String {
    let s: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || "-_.".contains(c) { c } else { '-' }).collect();
    if s.is_empty() {
        "utho".into()
    } else {
        s
    }
}

/// One CSV field (RFC 4180): quoted when it holds a comma, quote or line break.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One shell word: as is when it is plain, else single-quoted.
pub fn shell_quote(s: &str) -> String {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+".contains(c)) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// The host of an endpoint URL (`https://innoida.utho.io` → `innoida.utho.io`).
pub fn endpoint_host(endpoint: &str) -> &str {
    let rest = endpoint.split_once("://").map(|(_, r)| r).unwrap_or(endpoint);
    rest.trim_end_matches('/')
}

/// A one-line comment text (no line breaks from a name can end the comment).
fn comment(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// The layout `aws configure import --csv` reads: a `User Name` column (the profile it makes, here
/// the key's name as the AWS CLI profile file names it) before the two key columns.
fn csv(c: &Creds) -> String {
    format!(
        "User Name,Access key ID,Secret access key\n{},{},{}\n",
        csv_field(&section_name(c.name)),
        csv_field(c.access_key),
        csv_field(c.secret_key)
    )
}

/// `KEY=value` lines for `set -a; . file`, `docker run --env-file` and dotenv libraries. The region
/// twice: AWS CLI v1 and boto3 read only `AWS_DEFAULT_REGION`.
fn env(c: &Creds) -> String {
    format!(
        "# Utho object storage access key \"{}\" ({})\n\
         # Region: AWS_REGION for AWS CLI v2, the AWS SDKs for JavaScript, Go, Java and Rust, and mc;\n\
         # AWS_DEFAULT_REGION for AWS CLI v1 and boto3 (Python). AWS_ENDPOINT_URL needs AWS CLI 2.13 or\n\
         # 1.29, boto3 1.28 or later; with older tools pass --endpoint-url.\n\
         AWS_ACCESS_KEY_ID={}\nAWS_SECRET_ACCESS_KEY={}\nAWS_ENDPOINT_URL={}\nAWS_REGION={}\nAWS_DEFAULT_REGION={}\n",
        comment(c.name),
        c.dc.slug,
        c.access_key,
        c.secret_key,
        c.dc.s3_endpoint,
        c.dc.region,
        c.dc.region
    )
}

fn aws_cli(c: &Creds) -> String {
    let p = section_name(c.name);
    format!(
        "# Add to ~/.aws/credentials\n[{p}]\naws_access_key_id = {}\naws_secret_access_key = {}\n\n\
         # Add to ~/.aws/config\n[profile {p}]\nregion = {}\nendpoint_url = {}\ns3 =\n    addressing_style = path\n",
        c.access_key, c.secret_key, c.dc.region, c.dc.s3_endpoint
    )
}

fn rclone(c: &Creds) -> String {
    format!(
        "# Add to ~/.config/rclone/rclone.conf\n[{}]\ntype = s3\nprovider = Other\naccess_key_id = {}\nsecret_access_key = {}\nendpoint = {}\nregion = {}\nforce_path_style = true\n",
        section_name(c.name), c.access_key, c.secret_key, c.dc.s3_endpoint, c.dc.region
    )
}

fn s3cmd(c: &Creds) -> String {
    let host = endpoint_host(&c.dc.s3_endpoint);
    format!(
        "# Save as ~/.s3cfg, or use: s3cmd -c {} ls\n[default]\naccess_key = {}\nsecret_key = {}\nhost_base = {host}\nhost_bucket = {host}\nbucket_location = {}\nuse_https = True\nsignature_v2 = False\n",
        shell_quote(&Format::S3cmd.file_name(c.name)), c.access_key, c.secret_key, c.dc.region
    )
}

/// The JSON `mc alias import` reads (the layout `mc alias export` writes).
fn mc(c: &Creds) -> String {
    format!(
        "{{\n  \"url\": {},\n  \"accessKey\": {},\n  \"secretKey\": {},\n  \"api\": \"s3v4\",\n  \"path\": \"on\"\n}}\n",
        quote(&c.dc.s3_endpoint),
        quote(c.access_key),
        quote(c.secret_key)
    )
}

/// A command that tests the key from a terminal once the AWS CLI profile is in place.
/// It names the profile, never the secret.
pub fn test_command(name: &str, dc: &DataCentre) -> String {
    format!(
        "aws s3 ls --profile {} --endpoint-url {} --region {}",
        shell_quote(&section_name(name)),
        dc.s3_endpoint,
        dc.region
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dc() -> DataCentre {
        keys_api::datacenters()[0].clone()
    }

    const AK: &str = "AKIDAKIDAKIDAKIDAKIDAKIDAKIDAKIDAKID";
    const SK: &str = "SECRETsecretSECRETsecretSECRETsecret";

    fn creds<'a>(name: &'a str, dc: &'a DataCentre) -> Creds<'a> {
        Creds { name, access_key: AK, secret_key: SK, dc }
    }

    #[test]
    fn csv_in_the_layout_aws_configure_import_reads() {
        let dc = dc();
        assert_eq!(
            Format::Csv.render(&creds("backup-nightly", &dc)),
            format!("User Name,Access key ID,Secret access key\nbackup-nightly,{AK},{SK}\n")
        );
        assert_eq!(Format::Csv.file_name("backup-nightly"), "backup-nightly_accessKeys.csv");
        // The profile it makes is the one the AWS CLI profile file and the test command name.
        let odd = Format::Csv.render(&creds("it's, [x]", &dc));
        assert_eq!(odd.lines().nth(1).unwrap(), format!("it-s---x-,{AK},{SK}"));
        assert!(test_command("it's, [x]", &dc).contains("--profile it-s---x- "));
    }

    #[test]
    fn csv_says_how_to_import_it() {
        let dc = dc();
        let steps = Format::Csv.next_steps("backup-nightly", &dc);
        assert_eq!(steps.len(), 1);
        assert_eq!(steps[0].command, "aws configure import --csv file://backup-nightly_accessKeys.csv");
        assert_eq!(steps[0].text, "For the AWS CLI (v2): import it as the profile backup-nightly with");
    }

    #[test]
    fn dotenv_sets_the_region_for_every_aws_cli_and_sdk() {
        let dc = dc();
        let text = Format::Env.render(&creds("backup-nightly", &dc));
        let vars: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(
            vars,
            [
                format!("AWS_ACCESS_KEY_ID={AK}").as_str(),
                &format!("AWS_SECRET_ACCESS_KEY={SK}"),
                "AWS_ENDPOINT_URL=https://innoida.utho.io",
                "AWS_REGION=innoida",
                "AWS_DEFAULT_REGION=innoida",
            ]
        );
        assert!(text.starts_with("# Utho object storage access key \"backup-nightly\" (innoida)\n"), "{text}");
        // The comment says which tools read which region variable.
        assert!(text.contains("# Region: AWS_REGION for AWS CLI v2"), "{text}");
        assert!(text.contains("# AWS_DEFAULT_REGION for AWS CLI v1 and boto3 (Python)"), "{text}");
        assert_eq!(Format::Env.file_name("backup-nightly"), "backup-nightly.env");
    }

    #[test]
    fn aws_cli_profile() {
        let dc = dc();
        assert_eq!(
            Format::AwsCli.render(&creds("backup-nightly", &dc)),
            format!(
                "# Add to ~/.aws/credentials\n[backup-nightly]\naws_access_key_id = {AK}\naws_secret_access_key = {SK}\n\n\
                 # Add to ~/.aws/config\n[profile backup-nightly]\nregion = innoida\nendpoint_url = https://innoida.utho.io\n\
                 s3 =\n    addressing_style = path\n"
            )
        );
    }

    #[test]
    fn rclone_remote() {
        let dc = dc();
        assert_eq!(
            Format::Rclone.render(&creds("backup-nightly", &dc)),
            format!(
                "# Add to ~/.config/rclone/rclone.conf\n[backup-nightly]\ntype = s3\nprovider = Other\naccess_key_id = {AK}\n\
                 secret_access_key = {SK}\nendpoint = https://innoida.utho.io\nregion = innoida\nforce_path_style = true\n"
            )
        );
    }

    #[test]
    fn s3cmd_config() {
        let dc = dc();
        assert_eq!(
            Format::S3cmd.render(&creds("backup-nightly", &dc)),
            format!(
                "# Save as ~/.s3cfg, or use: s3cmd -c backup-nightly.s3cfg ls\n[default]\naccess_key = {AK}\nsecret_key = {SK}\n\
                 host_base = innoida.utho.io\nhost_bucket = innoida.utho.io\nbucket_location = innoida\nuse_https = True\nsignature_v2 = False\n"
            )
        );
    }

    #[test]
    fn mc_alias_file_keeps_the_secret_off_the_command_line() {
        let dc = dc();
        let file = Format::Mc.render(&creds("backup-nightly", &dc));
        assert_eq!(
            file,
            format!(
                "{{\n  \"url\": \"https://innoida.utho.io\",\n  \"accessKey\": \"{AK}\",\n  \"secretKey\": \"{SK}\",\n  \
                 \"api\": \"s3v4\",\n  \"path\": \"on\"\n}}\n"
            )
        );
        assert_eq!(Format::Mc.file_name("backup-nightly"), "backup-nightly-mc-alias.json");
        let steps = Format::Mc.next_steps("backup-nightly", &dc);
        let commands: Vec<&str> = steps.iter().map(|s| s.command.as_str()).collect();
        assert_eq!(
            commands,
            ["mc alias import backup-nightly backup-nightly-mc-alias.json", "export MC_REGION=innoida"]
        );
        assert!(Format::ALL.iter().flat_map(|f| f.next_steps("k", &dc)).all(|s| !s.command.contains(SK)));
    }

    #[test]
    fn mc_learns_the_region_of_the_data_centre() {
        let other = keys_api::datacenters()[1].clone();
        let steps = Format::Mc.next_steps("k", &other);
        assert_eq!(steps[1].command, format!("export MC_REGION={}", other.region));
        // The alias file has no place for a region (mc's alias format has none).
        assert!(!Format::Mc.render(&creds("k", &other)).contains("region"));
    }

    #[test]
    fn debug_never_prints_the_secret() {
        let dc = dc();
        let printed = format!("{:?}", creds("backup-nightly", &dc));
        assert!(!printed.contains(SK), "{printed}");
        assert!(printed.contains(AK) && printed.contains("redacted"), "{printed}");
    }

    #[test]
    fn every_format_carries_the_key_name_in_its_file_name() {
        for f in Format::ALL {
            assert!(f.file_name("my_key_1240").contains("my_key_1240"), "{f:?}");
        }
    }

    #[test]
    fn names_that_need_escaping() {
        // Names from the real service are not bound by our rules: nothing in them may break a file.
        let dc = dc();
        let odd = "it's a \"key\", [x]\nrm -rf /";
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(shell_quote("it's"), "'it'\\''s'");
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("plain-name_1"), "plain-name_1");
        assert_eq!(section_name(odd), "it-s-a--key----x--rm--rf--");
        assert_eq!(file_stem("../etc/passwd"), "_etc_passwd");
        assert_eq!(file_stem(odd), "it_s_a__key____x__rm_-rf__");
        assert_eq!(
            Format::Mc.next_steps(odd, &dc)[0].command,
            "mc alias import it-s-a--key----x--rm--rf-- it_s_a__key____x__rm_-rf__-mc-alias.json",
            "a line break or quote in the name cannot add a command"
        );
        assert_eq!(
            Format::Csv.next_steps(odd, &dc)[0].command,
            "aws configure import --csv file://it_s_a__key____x__rm_-rf___accessKeys.csv"
        );
        let env = Format::Env.render(&creds(odd, &dc));
        assert_eq!(env.lines().count(), 9, "{env}");
        let csv = Format::Csv.render(&creds(odd, &dc));
        assert_eq!(csv.lines().count(), 2, "{csv}");
        assert_eq!(
            test_command("it's", &dc),
            "aws s3 ls --profile it-s --endpoint-url https://innoida.utho.io --region innoida"
        );
        assert_eq!(endpoint_host("https://innoida.utho.io/"), "innoida.utho.io");
    }

    #[test]
    fn endpoint_and_region_come_from_the_data_centre() {
        let other = keys_api::datacenters()[1].clone();
        let text = Format::Env.render(&creds("k", &other));
        assert!(text.contains(&format!("AWS_ENDPOINT_URL={}", other.s3_endpoint)));
        assert!(text.contains(&format!("\nAWS_REGION={}\n", other.region)));
        assert!(text.contains(&format!("\nAWS_DEFAULT_REGION={}\n", other.region)));
    }
}
