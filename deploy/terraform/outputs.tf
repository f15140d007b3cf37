output "cluster_name" {
  value = aws_eks_cluster.main.name
}

output "region" {
  value = var.region
}

output "pod_security_group_id" {
  description = "For the SecurityGroupPolicy (deploy/k8s/securitygrouppolicy.yaml)."
  value       = aws_security_group.pods.id
}

output "cluster_security_group_id" {
  value = aws_eks_cluster.main.vpc_config[0].cluster_security_group_id
}

output "pod_subnet_cidrs" {
  value = var.pod_subnet_cidrs
}

output "node_instance_type" {
  value = var.node_instance_type
}

output "update_kubeconfig" {
  value = "aws eks update-kubeconfig --region ${var.region} --name ${aws_eks_cluster.main.name}"
}
