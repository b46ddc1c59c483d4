package com.ukeybridge.skf.jna;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The raw SKF functions (GM/T 0016-2012 §7) over JNA: {@code ULONG} is {@code int} (the standard's
 * UINT32), {@code BOOL} by value is {@code int}, handles are {@link Pointer}s, input strings are
 * NUL-terminated {@code byte[]} (names are ASCII; PINs are wiped by the caller), output name lists
 * are multi-strings. Every function returns a {@code SAR_*} code. Only the checked layer
 * ({@code com.ukeybridge.skf.SkfLibrary}) calls these.
 */
public interface Skf extends Library {
    // 7.1 device management
    int SKF_WaitForDevEvent(byte[] szDevName, IntByReference pulDevNameLen, IntByReference pulEvent);

    int SKF_CancelWaitForDevEvent();

    int SKF_EnumDev(int bPresent, byte[] szNameList, IntByReference pulSize);

    int SKF_ConnectDev(byte[] szName, PointerByReference phDev);

    int SKF_DisConnectDev(Pointer hDev);

    int SKF_GetDevState(byte[] szDevName, IntByReference pulDevState);

    int SKF_SetLabel(Pointer hDev, byte[] szLabel);

    /** Takes raw memory so that a caller can pass more room than either layout needs. */
    int SKF_GetDevInfo(Pointer hDev, Pointer pDevInfo);

    int SKF_LockDev(Pointer hDev, int ulTimeOut);

    int SKF_UnlockDev(Pointer hDev);

    // 7.2 access control
    int SKF_ChangeDevAuthKey(Pointer hDev, byte[] pbKeyValue, int ulKeyLen);

    int SKF_DevAuth(Pointer hDev, byte[] pbAuthData, int ulLen);

    int SKF_ChangePIN(Pointer hApplication, int ulPINType, byte[] szOldPin, byte[] szNewPin, IntByReference pulRetryCount);

    /** {@code pbDefaultPin} is a {@code BOOL *} whose width varies by vendor (1, 4 or 8 bytes): pass 8 zeroed bytes. */
    int SKF_GetPINInfo(Pointer hApplication, int ulPINType, IntByReference pulMaxRetryCount,
                       IntByReference pulRemainRetryCount, Pointer pbDefaultPin);

    int SKF_VerifyPIN(Pointer hApplication, int ulPINType, byte[] szPIN, IntByReference pulRetryCount);

    int SKF_UnblockPIN(Pointer hApplication, byte[] szAdminPIN, byte[] szNewUserPIN, IntByReference pulRetryCount);

    int SKF_ClearSecureState(Pointer hApplication);

    // 7.3 applications
    int SKF_CreateApplication(Pointer hDev, byte[] szAppName, byte[] szAdminPin, int dwAdminPinRetryCount,
                              byte[] szUserPin, int dwUserPinRetryCount, int dwCreateFileRights,
                              PointerByReference phApplication);

    int SKF_EnumApplication(Pointer hDev, byte[] szAppName, IntByReference pulSize);

    int SKF_DeleteApplication(Pointer hDev, byte[] szAppName);

    int SKF_OpenApplication(Pointer hDev, byte[] szAppName, PointerByReference phApplication);

    int SKF_CloseApplication(Pointer hApplication);

    // 7.5 containers
    int SKF_CreateContainer(Pointer hApplication, byte[] szContainerName, PointerByReference phContainer);

    int SKF_DeleteContainer(Pointer hApplication, byte[] szContainerName);

    int SKF_OpenContainer(Pointer hApplication, byte[] szContainerName, PointerByReference phContainer);

    int SKF_CloseContainer(Pointer hContainer);

    int SKF_EnumContainer(Pointer hApplication, byte[] szContainerName, IntByReference pulSize);

    int SKF_GetContainerType(Pointer hContainer, IntByReference pulContainerType);

    int SKF_ImportCertificate(Pointer hContainer, int bSignFlag, byte[] pbCert, int ulCertLen);

    int SKF_ExportCertificate(Pointer hContainer, int bSignFlag, byte[] pbCert, IntByReference pulCertLen);

    // 7.6 cryptographic services
    int SKF_GenRandom(Pointer hDev, byte[] pbRandom, int ulRandomLen);

    int SKF_GenECCKeyPair(Pointer hContainer, int ulAlgId, EccPublicKeyBlob pBlob);

    int SKF_ImportECCKeyPair(Pointer hContainer, EnvelopedKeyBlob pEnvelopedKeyBlob);

    int SKF_ECCSignData(Pointer hContainer, byte[] pbDigest, int ulDigestLen, EccSignatureBlob pSignature);

    int SKF_ECCVerify(Pointer hDev, EccPublicKeyBlob pECCPubKeyBlob, byte[] pbData, int ulDataLen, EccSignatureBlob pSignature);

    int SKF_ExtECCEncrypt(Pointer hDev, EccPublicKeyBlob pECCPubKeyBlob, byte[] pbPlainText, int ulPlainTextLen,
                          EccCipherBlob pCipherText);

    int SKF_ExtECCDecrypt(Pointer hDev, EccPrivateKeyBlob pECCPriKeyBlob, EccCipherBlob pCipherText, byte[] pbPlainText,
                          IntByReference pulPlainTextLen);

    int SKF_ExtECCSign(Pointer hDev, EccPrivateKeyBlob pECCPriKeyBlob, byte[] pbData, int ulDataLen, EccSignatureBlob pSignature);

    int SKF_ExtECCVerify(Pointer hDev, EccPublicKeyBlob pECCPubKeyBlob, byte[] pbData, int ulDataLen, EccSignatureBlob pSignature);

    int SKF_ExportPublicKey(Pointer hContainer, int bSignFlag, byte[] pbBlob, IntByReference pulBlobLen);

    int SKF_ImportSessionKey(Pointer hContainer, int ulAlgId, Pointer pbWrapedData, int ulWrapedLen, PointerByReference phKey);

    int SKF_SetSymmKey(Pointer hDev, byte[] pbKey, int ulAlgID, PointerByReference phKey);

    int SKF_EncryptInit(Pointer hKey, BlockCipherParam.ByValue encryptParam);

    int SKF_Encrypt(Pointer hKey, byte[] pbData, int ulDataLen, byte[] pbEncryptedData, IntByReference pulEncryptedLen);

    int SKF_DecryptInit(Pointer hKey, BlockCipherParam.ByValue decryptParam);

    int SKF_Decrypt(Pointer hKey, byte[] pbEncryptedData, int ulEncryptedLen, byte[] pbData, IntByReference pulDataLen);

    int SKF_DigestInit(Pointer hDev, int ulAlgID, EccPublicKeyBlob pPubKey, byte[] pbID, int ulIDLen, PointerByReference phHash);

    int SKF_Digest(Pointer hHash, byte[] pbData, int ulDataLen, byte[] pbHashData, IntByReference pulHashLen);

    int SKF_DigestUpdate(Pointer hHash, byte[] pbData, int ulDataLen);

    int SKF_DigestFinal(Pointer hHash, byte[] pHashData, IntByReference pulHashLen);

    int SKF_CloseHandle(Pointer hHandle);

    /**
     * Not in GM/T 0016-2012: SM2 decryption with the container's encryption key, GmSSL's prototype
     * ({@code SKF_HAS_ECCDECRYPT}); vendors that have one may differ (Tongsuo adds a {@code BOOL bSignFlag}).
     */
    int SKF_ECCDecrypt(Pointer hContainer, EccCipherBlob pCipherText, byte[] pbPlainText, IntByReference pulPlainTextLen);
}
