import type { SimDriver } from './sim-state.js';

/** A Glance image as Magnum reads it: os_distro picks the driver family, magnum_driver breaks ties (Magnum 2024.1+). */
export interface SimImage {
  name: string;
  osDistro: string;
  magnumDriver: string | null;
  /** magnum-capi-helm reads the Kubernetes version from the image's kube_version property. */
  kubeVersion: string | null;
}

/**
 * The images the simulated cloud knows, by the name templates use as image_id. Names follow
 * the published ones: Fedora CoreOS for Heat, Azimuth's `ubuntu-jammy-kube-v*` for
 * magnum-capi-helm, Vexxhost's `ubuntu-2204-kube-v*` for magnum-cluster-api.
 */
export const SIM_IMAGES: readonly SimImage[] = [
  { name: 'fedora-coreos-38', osDistro: 'fedora-coreos', magnumDriver: null, kubeVersion: null },
  { name: 'ubuntu-jammy-kube-v1.30.4', osDistro: 'ubuntu', magnumDriver: 'k8s_capi_helm_v1', kubeVersion: 'v1.30.4' },
  { name: 'ubuntu-jammy-kube-v1.31.1', osDistro: 'ubuntu', magnumDriver: 'k8s_capi_helm_v1', kubeVersion: 'v1.31.1' },
  { name: 'ubuntu-2204-kube-v1.30.4', osDistro: 'ubuntu', magnumDriver: 'k8s_cluster_api_ubuntu', kubeVersion: 'v1.30.4' },
  { name: 'ubuntu-2204-kube-v1.31.1', osDistro: 'ubuntu', magnumDriver: 'k8s_cluster_api_ubuntu', kubeVersion: 'v1.31.1' },
  { name: 'flatcar-kube-v1.31.1', osDistro: 'flatcar', magnumDriver: 'k8s_cluster_api_flatcar', kubeVersion: 'v1.31.1' },
];

/** The image a template names; unknown images are taken as Fedora CoreOS (the Heat driver's). */
export function imageOf(imageId: string): SimImage {
  return SIM_IMAGES.find((i) => i.name === imageId) ?? { name: imageId, osDistro: 'fedora-coreos', magnumDriver: null, kubeVersion: null };
}

/** The driver Magnum would pick for an image: its magnum_driver, else the first by os_distro. */
export function driverOfImage(image: SimImage): SimDriver {
  if (image.magnumDriver?.startsWith('k8s_capi_helm')) return 'magnum-capi-helm';
  if (image.magnumDriver?.startsWith('k8s_cluster_api')) return 'magnum-cluster-api';
  if (image.osDistro === 'fedora-coreos') return 'heat';
  // Alphabetically first driver providing (vm, ubuntu|flatcar, kubernetes): k8s_capi_helm_v1.
  return ['ubuntu', 'flatcar'].includes(image.osDistro) ? 'magnum-capi-helm' : 'magnum-cluster-api';
}
