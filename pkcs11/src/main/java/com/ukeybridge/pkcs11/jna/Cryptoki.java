package com.ukeybridge.pkcs11.jna;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;

/**
 * The raw PKCS#11 (Cryptoki 2.40) functions we call, as JNA maps them. Every {@code CK_ULONG}
 * is a {@link NativeLong} (32 bits on Windows, where PKCS#11 also packs structures to 1 byte);
 * every function answers a {@code CK_RV}. Arrays of {@code CK_ULONG} are passed as native memory
 * ({@link UlongArray}) because JNA does not convert {@code NativeLong[]} arguments.
 *
 * <p>An interface rather than a class so that tests can wrap the real library in a thin
 * fault-injecting layer.
 */
public interface Cryptoki extends Library {

    NativeLong C_Initialize(CkInitializeArgs pInitArgs);

    NativeLong C_Finalize(Pointer pReserved);

    NativeLong C_GetInfo(CkInfo pInfo);

    NativeLong C_GetSlotList(byte tokenPresent, Pointer pSlotList, NativeLongByReference pulCount);

    NativeLong C_GetSlotInfo(NativeLong slotID, CkSlotInfo pInfo);

    NativeLong C_GetTokenInfo(NativeLong slotID, CkTokenInfo pInfo);

    NativeLong C_GetMechanismList(NativeLong slotID, Pointer pMechanismList, NativeLongByReference pulCount);

    NativeLong C_OpenSession(NativeLong slotID, NativeLong flags, Pointer pApplication, Pointer notify,
            NativeLongByReference phSession);

    NativeLong C_CloseSession(NativeLong hSession);

    NativeLong C_CloseAllSessions(NativeLong slotID);

    NativeLong C_GetSessionInfo(NativeLong hSession, CkSessionInfo pInfo);

    NativeLong C_Login(NativeLong hSession, NativeLong userType, byte[] pPin, NativeLong ulPinLen);

    NativeLong C_Logout(NativeLong hSession);

    NativeLong C_SetPIN(NativeLong hSession, byte[] pOldPin, NativeLong ulOldLen, byte[] pNewPin, NativeLong ulNewLen);

    NativeLong C_CreateObject(NativeLong hSession, CkAttribute[] pTemplate, NativeLong ulCount,
            NativeLongByReference phObject);

    NativeLong C_DestroyObject(NativeLong hSession, NativeLong hObject);

    NativeLong C_GetAttributeValue(NativeLong hSession, NativeLong hObject, CkAttribute[] pTemplate, NativeLong ulCount);

    NativeLong C_FindObjectsInit(NativeLong hSession, CkAttribute[] pTemplate, NativeLong ulCount);

    NativeLong C_FindObjects(NativeLong hSession, Pointer phObject, NativeLong ulMaxObjectCount,
            NativeLongByReference pulObjectCount);

    NativeLong C_FindObjectsFinal(NativeLong hSession);

    NativeLong C_SignInit(NativeLong hSession, CkMechanism pMechanism, NativeLong hKey);

    NativeLong C_Sign(NativeLong hSession, byte[] pData, NativeLong ulDataLen, byte[] pSignature,
            NativeLongByReference pulSignatureLen);

    NativeLong C_GenerateKeyPair(NativeLong hSession, CkMechanism pMechanism,
            CkAttribute[] pPublicKeyTemplate, NativeLong ulPublicKeyAttributeCount,
            CkAttribute[] pPrivateKeyTemplate, NativeLong ulPrivateKeyAttributeCount,
            NativeLongByReference phPublicKey, NativeLongByReference phPrivateKey);
}
