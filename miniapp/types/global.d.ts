/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

/** Base URL of the API for mini-program builds (defineConstants in config/index.ts, from env API_BASE_URL). */
declare const API_BASE_URL: string;

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn';
    TARO_APP_ID: string;
    /** Build output folder relative to miniapp/ (default dist/<platform>). */
    TARO_OUTPUT_ROOT?: string;
    API_BASE_URL?: string;
  }
}
