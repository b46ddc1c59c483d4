#include "gm.h"

#include <string.h>

#include <openssl/asn1.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>
#include <openssl/rand.h>

/* The recommended curve's a, b, xG, yG (GM/T 0003.5), in the order Z hashes them. */
static const uint8_t CURVE_ABG[128] = {
    0xFF, 0xFF, 0xFF, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFC,
    0x28, 0xE9, 0xFA, 0x9E, 0x9D, 0x9F, 0x5E, 0x34, 0x4D, 0x5A, 0x9E, 0x4B, 0xCF, 0x65, 0x09, 0xA7,
    0xF3, 0x97, 0x89, 0xF5, 0x15, 0xAB, 0x8F, 0x92, 0xDD, 0xBC, 0xBD, 0x41, 0x4D, 0x94, 0x0E, 0x93,
    0x32, 0xC4, 0xAE, 0x2C, 0x1F, 0x19, 0x81, 0x19, 0x5F, 0x99, 0x04, 0x46, 0x6A, 0x39, 0xC9, 0x94,
    0x8F, 0xE3, 0x0B, 0xBF, 0xF2, 0x66, 0x0B, 0xE1, 0x71, 0x5A, 0x45, 0x89, 0x33, 0x4C, 0x74, 0xC7,
    0xBC, 0x37, 0x36, 0xA2, 0xF4, 0xF6, 0x77, 0x9C, 0x59, 0xBD, 0xCE, 0xE3, 0x6B, 0x69, 0x21, 0x53,
    0xD0, 0xA9, 0x87, 0x7C, 0xC6, 0x2A, 0x47, 0x40, 0x02, 0xDF, 0x32, 0xE5, 0x21, 0x39, 0xF0, 0xA0,
};

void gm_cleanse(void *p, size_t len) {
    OPENSSL_cleanse(p, len);
}

int gm_random(uint8_t *out, size_t len) {
    return len == 0 || RAND_bytes(out, (int)len) == 1;
}

int gm_sm3(const uint8_t *data, size_t len, uint8_t out[32]) {
    unsigned int out_len = 0;
    return EVP_Digest(data, len, out, &out_len, EVP_sm3(), NULL) == 1 && out_len == 32;
}

int gm_sm2_z(const uint8_t pub[GM_POINT_LEN], const uint8_t *id, size_t id_len, uint8_t z[32]) {
    if (id_len > 8191) { /* ENTL is 16 bits of bit length */
        return 0;
    }
    uint8_t entl[2] = {(uint8_t)((id_len * 8) >> 8), (uint8_t)(id_len * 8)};
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    unsigned int out_len = 0;
    int ok = md != NULL && EVP_DigestInit_ex(md, EVP_sm3(), NULL) == 1 && EVP_DigestUpdate(md, entl, 2) == 1 &&
             (id_len == 0 || EVP_DigestUpdate(md, id, id_len) == 1) &&
             EVP_DigestUpdate(md, CURVE_ABG, sizeof CURVE_ABG) == 1 && EVP_DigestUpdate(md, pub, GM_POINT_LEN) == 1 &&
             EVP_DigestFinal_ex(md, z, &out_len) == 1 && out_len == 32;
    EVP_MD_CTX_free(md);
    return ok;
}

static EC_GROUP *sm2_group(void) {
    return EC_GROUP_new_by_curve_name(NID_sm2);
}

int gm_sm2_public_of(const uint8_t priv[GM_SCALAR_LEN], uint8_t pub[GM_POINT_LEN]) {
    EC_GROUP *group = sm2_group();
    BN_CTX *bn = BN_CTX_new();
    BIGNUM *d = BN_bin2bn(priv, GM_SCALAR_LEN, NULL);
    BIGNUM *limit = BN_new();
    EC_POINT *point = group != NULL ? EC_POINT_new(group) : NULL;
    uint8_t encoded[1 + GM_POINT_LEN];
    int ok = group != NULL && bn != NULL && d != NULL && limit != NULL && point != NULL &&
             BN_copy(limit, EC_GROUP_get0_order(group)) != NULL && BN_sub_word(limit, 1) == 1 &&
             !BN_is_zero(d) && BN_cmp(d, limit) < 0 && /* SM2 private keys are in [1, n-2] */
             EC_POINT_mul(group, point, d, NULL, NULL, bn) == 1 &&
             EC_POINT_point2oct(group, point, POINT_CONVERSION_UNCOMPRESSED, encoded, sizeof encoded, bn) ==
                 sizeof encoded;
    if (ok) {
        memcpy(pub, encoded + 1, GM_POINT_LEN);
    }
    EC_POINT_free(point);
    BN_clear_free(d);
    BN_free(limit);
    BN_CTX_free(bn);
    EC_GROUP_free(group);
    return ok;
}

int gm_sm2_check_public(const uint8_t pub[GM_POINT_LEN]) {
    EC_GROUP *group = sm2_group();
    EC_POINT *point = group != NULL ? EC_POINT_new(group) : NULL;
    uint8_t encoded[1 + GM_POINT_LEN] = {0x04};
    memcpy(encoded + 1, pub, GM_POINT_LEN);
    int ok = point != NULL && EC_POINT_oct2point(group, point, encoded, sizeof encoded, NULL) == 1 &&
             EC_POINT_is_on_curve(group, point, NULL) == 1 && EC_POINT_is_at_infinity(group, point) == 0;
    EC_POINT_free(point);
    EC_GROUP_free(group);
    return ok;
}

/* An SM2 EVP_PKEY from raw values; priv may be NULL for a public key. */
static EVP_PKEY *sm2_key(const uint8_t pub_in[GM_POINT_LEN], const uint8_t priv[GM_SCALAR_LEN]) {
    uint8_t pub[GM_POINT_LEN];
    if (priv != NULL) {
        if (!gm_sm2_public_of(priv, pub)) {
            return NULL;
        }
    } else {
        if (!gm_sm2_check_public(pub_in)) {
            return NULL;
        }
        memcpy(pub, pub_in, GM_POINT_LEN);
    }
    uint8_t encoded[1 + GM_POINT_LEN] = {0x04};
    memcpy(encoded + 1, pub, GM_POINT_LEN);
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    BIGNUM *d = priv != NULL ? BN_secure_new() : NULL;
    OSSL_PARAM *params = NULL;
    EVP_PKEY_CTX *ctx = NULL;
    EVP_PKEY *key = NULL;
    if (bld == NULL || (priv != NULL && (d == NULL || BN_bin2bn(priv, GM_SCALAR_LEN, d) == NULL)) ||
        OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, SN_sm2, 0) != 1 ||
        OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, encoded, sizeof encoded) != 1 ||
        (d != NULL && OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, d) != 1) ||
        (params = OSSL_PARAM_BLD_to_param(bld)) == NULL ||
        (ctx = EVP_PKEY_CTX_new_from_name(NULL, "SM2", NULL)) == NULL || EVP_PKEY_fromdata_init(ctx) != 1 ||
        EVP_PKEY_fromdata(ctx, &key, d != NULL ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params) != 1) {
        EVP_PKEY_free(key);
        key = NULL;
    }
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    BN_clear_free(d);
    return key;
}

int gm_sm2_generate(uint8_t priv[GM_SCALAR_LEN], uint8_t pub[GM_POINT_LEN]) {
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "SM2", NULL);
    EVP_PKEY *key = NULL;
    BIGNUM *d = NULL;
    int ok = ctx != NULL && EVP_PKEY_keygen_init(ctx) == 1 && EVP_PKEY_generate(ctx, &key) == 1 &&
             EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, &d) == 1 &&
             BN_bn2binpad(d, priv, GM_SCALAR_LEN) == GM_SCALAR_LEN && gm_sm2_public_of(priv, pub);
    BN_clear_free(d);
    EVP_PKEY_free(key);
    EVP_PKEY_CTX_free(ctx);
    return ok;
}

int gm_sm2_sign(const uint8_t priv[GM_SCALAR_LEN], const uint8_t e[32], uint8_t r[32], uint8_t s[32]) {
    EVP_PKEY *key = sm2_key(NULL, priv);
    EVP_PKEY_CTX *ctx = key != NULL ? EVP_PKEY_CTX_new_from_pkey(NULL, key, NULL) : NULL;
    uint8_t der[80];
    size_t der_len = sizeof der;
    ECDSA_SIG *sig = NULL;
    /* OpenSSL 3's SM2 EVP_PKEY_sign takes its input as the digest e, exactly what SKF hands us. */
    int ok = ctx != NULL && EVP_PKEY_sign_init(ctx) == 1 && EVP_PKEY_sign(ctx, der, &der_len, e, 32) == 1;
    if (ok) {
        const unsigned char *p = der;
        sig = d2i_ECDSA_SIG(NULL, &p, (long)der_len);
        ok = sig != NULL && BN_bn2binpad(ECDSA_SIG_get0_r(sig), r, 32) == 32 &&
             BN_bn2binpad(ECDSA_SIG_get0_s(sig), s, 32) == 32;
    }
    ECDSA_SIG_free(sig);
    EVP_PKEY_CTX_free(ctx);
    EVP_PKEY_free(key);
    return ok;
}

int gm_sm2_verify(const uint8_t pub[GM_POINT_LEN], const uint8_t e[32], const uint8_t r[32], const uint8_t s[32]) {
    EVP_PKEY *key = sm2_key(pub, NULL);
    if (key == NULL) {
        return -1;
    }
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, key, NULL);
    ECDSA_SIG *sig = ECDSA_SIG_new();
    BIGNUM *br = BN_bin2bn(r, 32, NULL);
    BIGNUM *bs = BN_bin2bn(s, 32, NULL);
    unsigned char *der = NULL;
    int der_len = -1;
    int result = -1;
    if (sig != NULL && br != NULL && bs != NULL && ECDSA_SIG_set0(sig, br, bs) == 1) {
        br = bs = NULL; /* owned by sig now */
        der_len = i2d_ECDSA_SIG(sig, &der);
    }
    if (ctx != NULL && der_len > 0 && EVP_PKEY_verify_init(ctx) == 1) {
        result = EVP_PKEY_verify(ctx, der, (size_t)der_len, e, 32) == 1 ? 1 : 0;
    }
    OPENSSL_free(der);
    BN_free(br);
    BN_free(bs);
    ECDSA_SIG_free(sig);
    EVP_PKEY_CTX_free(ctx);
    EVP_PKEY_free(key);
    return result;
}

/* OpenSSL speaks the GM/T 0009 DER form SEQUENCE { x INTEGER, y INTEGER, hash OCTET STRING, ciphertext OCTET STRING }. */
static int cipher_from_der(const uint8_t *der, size_t der_len, uint8_t c1[GM_POINT_LEN], uint8_t c3[32],
                           uint8_t *c2, size_t len) {
    const unsigned char *p = der;
    ASN1_SEQUENCE_ANY *seq = d2i_ASN1_SEQUENCE_ANY(NULL, &p, (long)der_len);
    int ok = seq != NULL && sk_ASN1_TYPE_num(seq) == 4;
    for (int i = 0; ok && i < 2; i++) {
        ASN1_TYPE *t = sk_ASN1_TYPE_value(seq, i);
        BIGNUM *v = t->type == V_ASN1_INTEGER ? ASN1_INTEGER_to_BN(t->value.integer, NULL) : NULL;
        ok = v != NULL && BN_bn2binpad(v, c1 + 32 * i, 32) == 32;
        BN_free(v);
    }
    if (ok) {
        ASN1_TYPE *hash = sk_ASN1_TYPE_value(seq, 2);
        ASN1_TYPE *cipher = sk_ASN1_TYPE_value(seq, 3);
        ok = hash->type == V_ASN1_OCTET_STRING && ASN1_STRING_length(hash->value.octet_string) == 32 &&
             cipher->type == V_ASN1_OCTET_STRING && (size_t)ASN1_STRING_length(cipher->value.octet_string) == len;
        if (ok) {
            memcpy(c3, ASN1_STRING_get0_data(hash->value.octet_string), 32);
            memcpy(c2, ASN1_STRING_get0_data(cipher->value.octet_string), len);
        }
    }
    sk_ASN1_TYPE_pop_free(seq, ASN1_TYPE_free);
    return ok;
}

static ASN1_TYPE *asn1_integer(const uint8_t *value) {
    BIGNUM *v = BN_bin2bn(value, 32, NULL);
    ASN1_INTEGER *i = v != NULL ? BN_to_ASN1_INTEGER(v, NULL) : NULL;
    ASN1_TYPE *t = i != NULL ? ASN1_TYPE_new() : NULL;
    BN_free(v);
    if (t == NULL) {
        ASN1_INTEGER_free(i);
        return NULL;
    }
    ASN1_TYPE_set(t, V_ASN1_INTEGER, i);
    return t;
}

static ASN1_TYPE *asn1_octets(const uint8_t *value, size_t len) {
    ASN1_OCTET_STRING *o = ASN1_OCTET_STRING_new();
    ASN1_TYPE *t = o != NULL ? ASN1_TYPE_new() : NULL;
    if (t == NULL || ASN1_OCTET_STRING_set(o, value, (int)len) != 1) {
        ASN1_OCTET_STRING_free(o);
        ASN1_TYPE_free(t);
        return NULL;
    }
    ASN1_TYPE_set(t, V_ASN1_OCTET_STRING, o);
    return t;
}

static int cipher_to_der(const uint8_t c1[GM_POINT_LEN], const uint8_t c3[32], const uint8_t *c2, size_t len,
                         unsigned char **der) {
    ASN1_SEQUENCE_ANY *seq = sk_ASN1_TYPE_new_null();
    ASN1_TYPE *parts[4] = {asn1_integer(c1), asn1_integer(c1 + 32), asn1_octets(c3, 32), asn1_octets(c2, len)};
    int ok = seq != NULL;
    for (int i = 0; i < 4; i++) {
        if (ok && parts[i] != NULL && sk_ASN1_TYPE_push(seq, parts[i]) > 0) {
            continue;
        }
        ok = 0;
        ASN1_TYPE_free(parts[i]);
    }
    int der_len = ok ? i2d_ASN1_SEQUENCE_ANY(seq, der) : -1;
    sk_ASN1_TYPE_pop_free(seq, ASN1_TYPE_free);
    return der_len;
}

int gm_sm2_encrypt(const uint8_t pub[GM_POINT_LEN], const uint8_t *m, size_t len, uint8_t c1[GM_POINT_LEN],
                   uint8_t c3[32], uint8_t *c2) {
    EVP_PKEY *key = sm2_key(pub, NULL);
    EVP_PKEY_CTX *ctx = key != NULL ? EVP_PKEY_CTX_new_from_pkey(NULL, key, NULL) : NULL;
    size_t der_len = 0;
    uint8_t *der = NULL;
    int ok = len > 0 && ctx != NULL && EVP_PKEY_encrypt_init(ctx) == 1 &&
             EVP_PKEY_encrypt(ctx, NULL, &der_len, m, len) == 1 && (der = OPENSSL_malloc(der_len)) != NULL &&
             EVP_PKEY_encrypt(ctx, der, &der_len, m, len) == 1 && cipher_from_der(der, der_len, c1, c3, c2, len);
    OPENSSL_free(der);
    EVP_PKEY_CTX_free(ctx);
    EVP_PKEY_free(key);
    return ok;
}

int gm_sm2_decrypt(const uint8_t priv[GM_SCALAR_LEN], const uint8_t c1[GM_POINT_LEN], const uint8_t c3[32],
                   const uint8_t *c2, size_t len, uint8_t *m) {
    EVP_PKEY *key = sm2_key(NULL, priv);
    EVP_PKEY_CTX *ctx = key != NULL ? EVP_PKEY_CTX_new_from_pkey(NULL, key, NULL) : NULL;
    unsigned char *der = NULL;
    int der_len = cipher_to_der(c1, c3, c2, len, &der);
    size_t out_len = 0;
    uint8_t *out = NULL;
    int ok = len > 0 && der_len > 0 && ctx != NULL && EVP_PKEY_decrypt_init(ctx) == 1 &&
             EVP_PKEY_decrypt(ctx, NULL, &out_len, der, (size_t)der_len) == 1 &&
             (out = OPENSSL_secure_malloc(out_len)) != NULL &&
             EVP_PKEY_decrypt(ctx, out, &out_len, der, (size_t)der_len) == 1 && out_len == len;
    if (ok) {
        memcpy(m, out, len);
    }
    if (out != NULL) {
        OPENSSL_secure_clear_free(out, out_len);
    }
    OPENSSL_free(der);
    EVP_PKEY_CTX_free(ctx);
    EVP_PKEY_free(key);
    return ok;
}

int gm_sm4(int encrypt, const uint8_t key[16], uint8_t *iv, const uint8_t *in, size_t len, uint8_t *out) {
    if (len % 16 != 0 || len > 0x7FFFFFF0) {
        return 0;
    }
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int out_len = 0;
    int final_len = 0;
    int ok = ctx != NULL &&
             EVP_CipherInit_ex(ctx, iv != NULL ? EVP_sm4_cbc() : EVP_sm4_ecb(), NULL, key, iv, encrypt) == 1 &&
             EVP_CIPHER_CTX_set_padding(ctx, 0) == 1 && EVP_CipherUpdate(ctx, out, &out_len, in, (int)len) == 1 &&
             EVP_CipherFinal_ex(ctx, out + out_len, &final_len) == 1 && (size_t)(out_len + final_len) == len;
    if (ok && iv != NULL && len > 0) {
        memcpy(iv, encrypt ? out + len - 16 : in + len - 16, 16);
    }
    EVP_CIPHER_CTX_free(ctx);
    return ok;
}
