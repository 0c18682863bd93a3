/** Saves the printable door code: SVG or PNG with the space's name under the code. */
export declare function saveDoorCode(
  kind: 'svg' | 'png',
  code: { svg: string; spaceId: string; fileName: string },
): Promise<void>;
