// Sign-in providers turn the client's login code into a WeChat openid. session_key never leaves the server.
export interface SignInIdentity {
  openid: string;
  unionid?: string;
}

export interface SignInProvider {
  readonly name: 'local' | 'wechat';
  exchange(code: string): Promise<SignInIdentity>;
}
