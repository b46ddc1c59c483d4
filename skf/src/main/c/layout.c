/* Prints "name value" lines: sizeof and offsetof of the SKF structures as compiled here. */
#include "skf.h"

#include <stddef.h>
#include <stdio.h>

#define SIZE(type) printf("sizeof.%s %zu\n", #type, sizeof(type))
#define OFFSET(type, field) printf("offset.%s.%s %zu\n", #type, #field, offsetof(type, field))

int main(void) {
    SIZE(VERSION);
    SIZE(DEVINFO);
    OFFSET(DEVINFO, Manufacturer);
    OFFSET(DEVINFO, Issuer);
    OFFSET(DEVINFO, Label);
    OFFSET(DEVINFO, SerialNumber);
    OFFSET(DEVINFO, HWVersion);
    OFFSET(DEVINFO, FirmwareVersion);
    OFFSET(DEVINFO, AlgSymCap);
    OFFSET(DEVINFO, MaxBufferSize);
    OFFSET(DEVINFO, Reserved);
    SIZE(ECCPUBLICKEYBLOB);
    OFFSET(ECCPUBLICKEYBLOB, YCoordinate);
    SIZE(ECCPRIVATEKEYBLOB);
    SIZE(ECCSIGNATUREBLOB);
    SIZE(ECCCIPHERBLOB);
    OFFSET(ECCCIPHERBLOB, HASH);
    OFFSET(ECCCIPHERBLOB, CipherLen);
    OFFSET(ECCCIPHERBLOB, Cipher);
    SIZE(BLOCKCIPHERPARAM);
    OFFSET(BLOCKCIPHERPARAM, IVLen);
    OFFSET(BLOCKCIPHERPARAM, FeedBitLen);
    SIZE(ENVELOPEDKEYBLOB);
    OFFSET(ENVELOPEDKEYBLOB, cbEncryptedPriKey);
    OFFSET(ENVELOPEDKEYBLOB, PubKey);
    OFFSET(ENVELOPEDKEYBLOB, ECCCipherBlob);
    return 0;
}
