// A real OpenID provider (the certified npm `oidc-provider`) on loopback for the browser tests,
// set up the way NHS login and NHS CIS2 behave where it matters to Hive: RS256 and RS512 ID
// tokens, client_secret_basic and private_key_jwt (RS512) clients, PKCE required, `vtr` passed
// through, NHS-login-like claims (identity_proofing_level, vot) and RP-initiated logout.
// Its login form is the package's development one: any password, the login names an account.
//
// Environment: IDP_PORT (required), HIVE_URL (Hive's public URL, for redirect URIs).
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Provider from 'oidc-provider';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '..', '..', 'server', 'tests', 'fixtures');
const port = Number(process.env.IDP_PORT);
const hive = process.env.HIVE_URL;
if (!port || !hive) {
  console.error('IDP_PORT and HIVE_URL must be set');
  process.exit(1);
}
const issuer = `http://127.0.0.1:${port}`;

// No `alg` on the key, so the provider may sign with RS256 and RS512 alike.
const signingKey = createPrivateKey(readFileSync(join(fixtures, 'provider-key.pem'))).export({ format: 'jwk' });
const hiveKey = createPublicKey(readFileSync(join(fixtures, 'client-key.pub.pem'))).export({ format: 'jwk' });

// Accounts by login name. Residents come through NHS login, staff through the work provider.
const accounts = {
  amira: { given_name: 'Amira', family_name: 'Khan', identity_proofing_level: 'P9', vot: 'P9.Cp.Cd', email: 'amira.khan@example.com' },
  george: { given_name: 'George', family_name: 'Walsh', identity_proofing_level: 'P9', vot: 'P9.Cp.Ck', email: 'george.walsh@example.com' },
  pat: { given_name: 'Pat', family_name: 'Lowe', identity_proofing_level: 'P5', vot: 'P5.Cp.Cd', email: 'pat.lowe@example.com' },
  // One member of staff per browser-test mode (JavaScript on and off), so the runs stay apart.
  'dana-on': { given_name: 'Dana', family_name: 'Reid', email: 'dana.reid.on@nhs.example' },
  'dana-off': { given_name: 'Dana', family_name: 'Reid', email: 'dana.reid.off@nhs.example' },
  stranger: { given_name: 'Sid', family_name: 'Stranger', email: 'sid.stranger@nhs.example' },
};

const redirect = {
  redirect_uris: [`${hive}/auth/callback`],
  post_logout_redirect_uris: [`${hive}/`],
  grant_types: ['authorization_code'],
  response_types: ['code'],
};

const provider = new Provider(issuer, {
  clients: [
    { client_id: 'hive-residents', client_secret: 'residents-secret', token_endpoint_auth_method: 'client_secret_basic', ...redirect },
    {
      client_id: 'hive-residents-jwt',
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'RS512',
      id_token_signed_response_alg: 'RS512',
      jwks: { keys: [hiveKey] },
      ...redirect,
    },
    { client_id: 'hive-staff', client_secret: 'staff-secret', token_endpoint_auth_method: 'client_secret_basic', ...redirect },
  ],
  jwks: { keys: [signingKey] },
  enabledJWA: {
    idTokenSigningAlgValues: ['RS256', 'RS512'],
    clientAuthSigningAlgValues: ['RS256', 'RS512'],
  },
  pkce: { required: () => true },
  extraParams: ['vtr'],
  conformIdTokenClaims: false,
  claims: {
    openid: ['sub', 'identity_proofing_level', 'vot'],
    profile: ['given_name', 'family_name'],
    email: ['email', 'email_verified'],
  },
  cookies: { keys: ['hive-end-to-end-tests-only'] },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx, form) => {
        ctx.body = `<!DOCTYPE html><html lang="en"><head><title>Sign out</title></head><body>
          <h1>Sign out of the test provider?</h1>${form}
          <button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
          </body></html>`;
      },
    },
  },
  async findAccount(ctx, id) {
    const account = accounts[id];
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: `test-${id}`, email_verified: true, ...account };
      },
    };
  },
});
provider.proxy = false;
provider.listen(port, '127.0.0.1', () => console.log(`test provider listening on ${issuer}`));
