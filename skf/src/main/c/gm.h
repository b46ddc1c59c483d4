/* SM2, SM3 and SM4 on OpenSSL 3, on the raw big-endian values the SKF blobs carry. */
#ifndef SOFTSKF_GM_H
#define SOFTSKF_GM_H

#include <stddef.h>
#include <stdint.h>

#define GM_SCALAR_LEN 32
#define GM_POINT_LEN 64 /* x || y */

/* All return 1 on success and 0 on failure, unless said otherwise. */
int gm_sm2_generate(uint8_t priv[GM_SCALAR_LEN], uint8_t pub[GM_POINT_LEN]);
/* Fails when priv is not in [1, n-2]. */
int gm_sm2_public_of(const uint8_t priv[GM_SCALAR_LEN], uint8_t pub[GM_POINT_LEN]);
/* Fails when pub is not a point of the curve. */
int gm_sm2_check_public(const uint8_t pub[GM_POINT_LEN]);
int gm_sm2_sign(const uint8_t priv[GM_SCALAR_LEN], const uint8_t e[32], uint8_t r[32], uint8_t s[32]);
/* 1 valid, 0 invalid, -1 could not be checked (bad key). */
int gm_sm2_verify(const uint8_t pub[GM_POINT_LEN], const uint8_t e[32], const uint8_t r[32], const uint8_t s[32]);
/* c1 = x || y of kG, c3 = SM3(x2 || M || y2), c2 as long as m. */
int gm_sm2_encrypt(const uint8_t pub[GM_POINT_LEN], const uint8_t *m, size_t len, uint8_t c1[GM_POINT_LEN],
                   uint8_t c3[32], uint8_t *c2);
int gm_sm2_decrypt(const uint8_t priv[GM_SCALAR_LEN], const uint8_t c1[GM_POINT_LEN], const uint8_t c3[32],
                   const uint8_t *c2, size_t len, uint8_t *m);
/* Z = SM3(ENTL || ID || a || b || xG || yG || xA || yA), GM/T 0003.2 §5.5. */
int gm_sm2_z(const uint8_t pub[GM_POINT_LEN], const uint8_t *id, size_t id_len, uint8_t z[32]);
int gm_sm3(const uint8_t *data, size_t len, uint8_t out[32]);
/* SM4 without padding; len a multiple of 16; iv NULL for ECB, 16 bytes (updated) for CBC. */
int gm_sm4(int encrypt, const uint8_t key[16], uint8_t *iv, const uint8_t *in, size_t len, uint8_t *out);
int gm_random(uint8_t *out, size_t len);
void gm_cleanse(void *p, size_t len);

#endif
